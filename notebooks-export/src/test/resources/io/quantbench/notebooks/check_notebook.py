"""Checks a notebook with the standard library: it is JSON of nbformat 4.5, laid out exactly as Jupyter
saves notebooks (nbformat's writer: json.dumps with sort_keys, indent 1, ensure_ascii off, final newline),
its cell ids are unique and well-formed, every code cell is valid Python 3 syntax, and every image output
decodes to a PNG.

Usage: check_notebook.py FILE
Prints "code_cells=N images=M" and exits 0, or prints the first problem and exits 1.
"""
import ast
import base64
import json
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
nb = json.loads(text)
problems = []
if json.dumps(nb, sort_keys=True, indent=1, separators=(",", ": "), ensure_ascii=False) + "\n" != text:
    problems.append("not laid out as Jupyter saves it: opening and saving would change the file")
if (nb.get("nbformat"), nb.get("nbformat_minor")) != (4, 5):
    problems.append(f"nbformat {nb.get('nbformat')}.{nb.get('nbformat_minor')}, expected 4.5")
ids = [cell.get("id") for cell in nb["cells"]]
if len(set(ids)) != len(ids):
    problems.append(f"duplicate cell ids: {ids}")
for cell_id in ids:
    if not isinstance(cell_id, str) or not re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", cell_id):
        problems.append(f"bad cell id {cell_id!r}")
code_cells = images = 0
for cell in nb["cells"]:
    if cell["cell_type"] != "code":
        continue
    code_cells += 1
    try:
        ast.parse("".join(cell["source"]), filename=cell["id"])
    except SyntaxError as e:
        problems.append(f"cell {cell['id']}: {e}")
    for output in cell["outputs"]:
        png = base64.b64decode(output["data"]["image/png"], validate=True)
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            problems.append(f"cell {cell['id']}: an image output that is not a PNG")
        images += 1
if problems:
    print(problems[0])
    sys.exit(1)
print(f"code_cells={code_cells} images={images}")
