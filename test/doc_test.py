#!/usr/bin/python3
"""test/doc_test.py — the docs that run (doc/architecture.md, "Docs that run").

Called by test/doc_test.sh with a database per doc file already copied from
the demo register:  doc_test.py TEMPLATE_DB COPY_DB FILE...

For each Markdown FILE: every ```sql block, in file order, goes through ONE
psql -X session (default settings but -q, so command tags such as "UPDATE 1"
are not printed; the session setting s22a.today comes from PGOPTIONS) in a
fresh copy of the demo database; errors do not stop it.  The output of each
block (stdout and stderr as psql prints them) is compared with the ```text
block right after it (nothing but blank lines between them).  A
```sql block with no ```text block after it must print nothing (so an
example that starts failing is noticed even when its output is not shown).
```sql-fragment, ```sh and every other tag are never run.  Trailing spaces
at the ends of lines and blank lines at the end of a block are not compared
(psql pads its headers; editors strip them).

Prints one TAP-style line per doc file ("ok - ..." / "not ok - ..."), and
for each block that differs, a unified diff naming the file and the line
of the ```text block (or of the ```sql block when none follows).

S22A_DOC_ACCEPT=1 rewrites each ```text block from the output, adds one
after a block that prints something and has none, and removes one after a
block that prints nothing; review with git diff.
"""
import difflib
import os
import re
import subprocess
import sys

FENCE = re.compile(r"^( *)```(\S*)\s*$")  # a block may be indented (in a list)
MARK = "@@s22a-doc-block {}@@"
MARK_RE = re.compile(r"^@@s22a-doc-block (\d+)@@$")


class Block:
    def __init__(self, indent, tag, start, end, lines):
        self.indent = indent  # the fence's indentation, taken off its lines
        self.tag = tag        # the fence's info string
        self.start = start    # index of the opening fence line
        self.end = end        # index of the closing fence line
        self.lines = lines    # the content, without the fences


def parse(lines, path):
    """The fenced blocks of a Markdown file, in order."""
    blocks, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].lstrip().startswith("```"):
            j += 1
        if j == len(lines):
            raise SystemExit(f"{path}:{i + 1}: a ``` block that is never closed")
        indent = m.group(1)
        body = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in lines[i + 1:j]]
        blocks.append(Block(indent, m.group(2), i, j, body))
        i = j + 1
    return blocks


def normalise(text_lines):
    out = [l.rstrip() for l in text_lines]
    while out and out[-1] == "":
        out.pop()
    return out


def ends_statement(block):
    """A block must leave psql's query buffer empty, or the next block's
    statement (and the marker between them) would run as part of it."""
    code = [l for l in block.lines if l.strip() and not l.strip().startswith("--")]
    if not code:
        return True
    last = re.sub(r"\s--.*$", "", code[-1]).rstrip()
    return last.endswith(";") or last.lstrip().startswith("\\")


def run_file(path, db, workdir):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = parse(lines, path)
    runs = []  # (sql block, the text block after it or None)
    for k, b in enumerate(blocks):
        if b.tag != "sql":
            continue
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        follows = (nxt is not None and nxt.tag == "text"
                   and all(not l.strip() for l in lines[b.end + 1:nxt.start]))
        runs.append((b, nxt if follows else None))
    if not runs:
        return lines, runs, [], []

    script = []
    problems = []
    for n, (b, _) in enumerate(runs):
        if not ends_statement(b):
            problems.append(f"{path}:{b.start + 1}: the ```sql block does not end its statement with ';'")
        script.append("\\echo '" + MARK.format(n) + "'")
        script.extend(b.lines)
    script.append("\\echo '" + MARK.format(len(runs)) + "'")
    env = dict(os.environ, PGDATABASE=db)
    proc = subprocess.run(["psql", "-X", "-q"], input="\n".join(script) + "\n",
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, cwd=workdir, text=True)
    outputs = [[] for _ in runs]
    current = None
    seen_end = False
    for line in proc.stdout.split("\n"):
        m = MARK_RE.match(line)
        if m:
            n = int(m.group(1))
            if n == len(runs):
                seen_end = True
                current = None
            else:
                current = n
            continue
        if current is not None:
            outputs[current].append(line)
        elif line.strip():
            problems.append(f"{path}: psql printed outside any block: {line}")
    if not seen_end:
        problems.append(f"{path}: psql stopped before the last block (exit {proc.returncode}):\n"
                        + proc.stdout[-2000:])
    return lines, runs, [normalise(o) for o in outputs], problems


def check(path, db, workdir, accept):
    lines, runs, outputs, problems = run_file(path, db, workdir)
    compared = failed = 0
    edits = []  # (start, end, new lines) of the file, replaced from the end
    for (b, text), out in zip(runs, outputs):
        shown = normalise(text.lines) if text is not None else []
        if text is not None:
            compared += 1
        if shown == out:
            continue
        if accept:
            ind = b.indent
            if text is not None and not out:
                edits.append((b.end + 1, text.end + 1, []))  # nothing printed: no block
            elif text is not None:
                edits.append((text.start + 1, text.end, [(text.indent + l).rstrip() for l in out]))
            else:
                edits.append((b.end + 1, b.end + 1,
                               ["", ind + "```text"] + [(ind + l).rstrip() for l in out] + [ind + "```"]))
            continue
        failed += 1
        where = f"{path}:{text.start + 1}" if text is not None else f"{path}:{b.start + 1}"
        what = "the ```text block" if text is not None else "no ```text block (the output must be empty)"
        print(f"# {where}: the output of the ```sql block at line {b.start + 1} differs from {what}")
        for d in difflib.unified_diff(shown, out, f"{where} (in the doc)",
                                      f"{path}:{b.start + 1} (psql printed)", lineterm=""):
            print(d)
    for p in problems:
        print("# " + p)
    if accept and edits:
        for start, end, new in sorted(edits, reverse=True):
            lines[start:end] = new
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"# {path}: rewrote {len(edits)} ```text block(s)")
    name = os.path.relpath(path, os.environ.get("S22A_TOP", "."))
    if failed or problems:
        print(f"not ok - doc test: {name}: {failed} of {len(runs)} sql blocks differ from the doc")
    else:
        print(f"ok - doc test: {name}: {len(runs)} sql blocks run, {compared} outputs as shown")


def main():
    template, db, workdir = sys.argv[1:4]
    accept = os.environ.get("S22A_DOC_ACCEPT") == "1"
    for path in sys.argv[4:]:
        subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                        "-c", "SET client_min_messages = warning",
                        "-c", f'DROP DATABASE IF EXISTS "{db}"',
                        "-c", f'CREATE DATABASE "{db}" TEMPLATE "{template}"'],
                       check=True, stdout=subprocess.DEVNULL)
        check(path, db, workdir, accept)
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}"'],
                   stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
