#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic generator of benchmark inputs in the style of the sample
resolution: numbered operative paragraphs, preambular clauses with bold lead
words, footnotes with their definitions, Chinese and Latin text mixed. The
same seed and size give the same bytes, so figures from different runs and
machines compare the same work.

usage: gen.py SIZE_BYTES OUT.md [--seed N]
"""
import random
import sys

ZH = ("贩运妇女和女童", "会员国", "联合国系统", "国际合作", "受害者", "人权理事会", "可持续发展",
      "性别平等", "强迫劳动", "移民女工", "民间社会", "私营部门", "技术援助", "刑事司法",
      "数据收集", "能力建设", "预防措施", "国家行动计划", "特别报告员", "秘书长")
ZH_LEAD = ("认识到", "重申", "回顾", "关切", "欢迎", "注意到", "又认识到", "还重申")
ZH_OP = ("敦促", "鼓励", "促请", "邀请", "请", "又敦促", "强调指出", "决定")
EN = ("trafficking in persons", "Member States", "the United Nations system", "international cooperation",
      "victims", "the Human Rights Council", "sustainable development", "gender equality", "forced labour",
      "migrant women workers", "civil society", "the private sector", "technical assistance",
      "criminal justice", "data collection", "capacity-building", "preventive measures")
EN_LEAD = ("Recognizing", "Reaffirming", "Recalling", "Concerned", "Welcoming", "Noting", "Stressing")
EN_OP = ("Urges", "Encourages", "Calls upon", "Invites", "Requests", "Stresses", "Decides")


def zh_sentence(rng, n):
    return "，".join("".join(rng.choice(ZH) for _ in range(rng.randint(2, 4))) for _ in range(n))


def en_sentence(rng, n):
    return ", ".join(" and ".join(rng.choice(EN) for _ in range(rng.randint(1, 3))) for _ in range(n))


def resolution(rng, number, note):
    """One resolution; returns (text, next note number)."""
    out = []
    zh = number % 2 == 0
    out.append("## 大 会\n\nDistr.: General\n\n## 第七十五届会议\n\n议程项目 28\n" if zh else
               "## General Assembly\n\nDistr.: General\n\n## Seventy-fifth session\n\nAgenda item 28\n")
    out.append(f"## 75/{number}. {'贩运妇女和女童' if zh else 'Trafficking in women and girls'}\n")
    out.append("大会，\n" if zh else "*The General Assembly*,\n")
    defs = []
    for _ in range(rng.randint(6, 14)):
        ref = ""
        if rng.random() < 0.4:
            ref = f"[^{note}]"
            defs.append((note, zh))
            note += 1
        if zh:
            out.append(f"**{rng.choice(ZH_LEAD)}**{zh_sentence(rng, rng.randint(2, 6))}{ref}，\n")
        else:
            out.append(f"*{rng.choice(EN_LEAD)}* {en_sentence(rng, rng.randint(2, 6))}{ref},\n")
    for i in range(1, rng.randint(10, 30)):
        ref = ""
        if rng.random() < 0.35:
            ref = f"[^{note}]"
            defs.append((note, zh))
            note += 1
        if zh:
            out.append(f"{i}. **{rng.choice(ZH_OP)}**{zh_sentence(rng, rng.randint(3, 8))}{ref}；\n")
        else:
            out.append(f"{i}. *{rng.choice(EN_OP)}* {en_sentence(rng, rng.randint(3, 8))}{ref};\n")
    out.append("2020 年 12 月 16 日  \n第 46 次全体会议\n" if zh else "46th plenary meeting  \n16 December 2020\n")
    for n, z in defs:
        vol = rng.randint(100, 3000)
        out.append(f"[^{n}]: 联合国，《条约汇编》，第 {vol} 卷，第 {rng.randint(1000, 60000)} 号。\n" if z else
                   f"[^{n}]: United Nations, *Treaty Series*, vol. {vol}, No. {rng.randint(1000, 60000)}.\n")
    return "\n".join(out), note


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    size = int(sys.argv[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 75158
    rng = random.Random(seed)
    parts, total, note, number = [], 0, 1, 100
    while total < size:
        text, note = resolution(rng, number, note)
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
        number += 1
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
