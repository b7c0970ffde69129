#!/usr/bin/env python3
# wine-noisy.arff for the LabelIssues tests: the bundled wine.arff with 18 labels (10%) flipped to
# the next class (class_0 -> class_1 -> class_2 -> class_0), chosen with Python's random.Random(19),
# and an attribute label_flipped {no,yes} saying which. Standard library only (Python 3.8+).
# Usage (from the repository root): python3 test-data/scripts/make-wine-noisy.py
import random

src = open("test-data/arff/wine.arff").read().splitlines()
header, data = [], []
in_data = False
for line in src:
    if in_data and line.strip() and not line.startswith("%"):
        data.append(line)
    elif not in_data:
        if line.lower().startswith("@data"):
            in_data = True
        elif line.lower().startswith("@attribute class"):
            header.append("@attribute label_flipped {no,yes}")
        if line.startswith("% UCI Wine"):
            line = ("% UCI Wine recognition data with 18 of 178 labels (10%) flipped to the next class, marked in "
                    "label_flipped;\n% made by test-data/scripts/make-wine-noisy.py from wine.arff.")
        elif line.lower().startswith("@relation"):
            line = "@relation wine-noisy"
        header.append(line)
classes = ["class_0", "class_1", "class_2"]
flipped = set(random.Random(19).sample(range(len(data)), 18))
out = []
for i, row in enumerate(data):
    values = row.split(",")
    label = values[-1]
    if i in flipped:
        label = classes[(classes.index(label) + 1) % 3]
    out.append(",".join(values[:-1] + ["yes" if i in flipped else "no", label]))
with open("test-data/arff/wine-noisy.arff", "w") as f:
    f.write("\n".join(header) + "\n" + "\n".join(out) + "\n")
print("flipped (1-based):", " ".join(str(i + 1) for i in sorted(flipped)))
