#!/usr/bin/env python3
"""Prints the loops between folders of the C# tree.

A folder is a namespace (Capture.Native.Probe, Capture.Native.SafeHandles, ...). Folder A
depends on folder B when a file of A names B: a `using Capture.X.Y;` line, a qualified
`Capture.X.Y.Type` (also in doc comments, which the compiler checks), a partly qualified
`Y.Type` that resolves through an enclosing namespace, or a type of an enclosing namespace
used by its bare name (visible without a using). Every strongly connected component of
more than one folder is a loop; it is printed with the edges inside it and, for each edge,
the files that make it.

    scripts/folder-loops.py [--root DIR] [PROJECT ...]

PROJECT defaults to the five non-spec projects; the loops printed are those with a folder
in one of them. Exit status 1 when there is a loop, 0 when there is none. obj/ and bin/
are skipped. Needs python3 only.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

DEFAULT_PROJECTS = ["Capture.Native", "Capture.Actors", "Capture.Hosting", "Capture.Host", "Capture.Plugins.Abstractions"]

NAMESPACE = re.compile(r"^\s*namespace\s+([\w.]+)", re.M)
USING = re.compile(r"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(Capture(?:\.\w+)+)\s*;", re.M)
TYPE_DECLARATION = re.compile(r"\b(?:class|struct|record|interface|enum|delegate\s+[\w<>\[\],.? ]+?)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")
QUALIFIED = re.compile(r"(?<![\w.])[A-Z]\w*(?:\.[A-Z]\w*)+")
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
LINE_COMMENT = re.compile(r"(?<!/)//(?!/).*")
STRING = re.compile(r'@?"(?:[^"\\\n]|\\.)*"')


def source_files(root, project):
    for directory, subdirectories, files in os.walk(os.path.join(root, project)):
        subdirectories[:] = sorted(d for d in subdirectories if d not in ("obj", "bin"))
        for name in sorted(files):
            if name.endswith(".cs"):
                yield os.path.join(directory, name)


def folder_of(path, root, text):
    """The file's namespace; a file without one (top-level statements) belongs to its directory."""
    declared = NAMESPACE.search(text)
    if declared:
        return declared.group(1)
    return os.path.relpath(os.path.dirname(path), root).replace(os.sep, ".")


def code_of(text):
    """The text without ordinary comments and string literals; doc comments stay (crefs are checked)."""
    return STRING.sub('""', LINE_COMMENT.sub("", BLOCK_COMMENT.sub("", text)))


def enclosing(namespace):
    """The namespace itself and each namespace around it, innermost first."""
    parts = namespace.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def read_tree(root, projects):
    files = []  # (relative path, folder, code)
    project_of = {}  # folder -> the project it is in
    for project in projects:
        for path in source_files(root, project):
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
            folder = folder_of(path, root, text)
            files.append((os.path.relpath(path, root), folder, code_of(text)))
            project_of[folder] = project
    types = defaultdict(set)  # folder -> type names declared in it
    for _, folder, code in files:
        types[folder].update(TYPE_DECLARATION.findall(code))
    return files, types, project_of


def dependencies(files, types):
    """edges[(from, to)] = the files of `from` that name `to`."""
    folders = set(types)
    edges = defaultdict(set)

    def add(path, source, target):
        if target in folders and target != source:
            edges[(source, target)].add(path)

    for path, folder, code in files:
        for used in USING.findall(code):
            # A namespace, or (an alias or a using static) a type inside one.
            add(path, folder, next((n for n in enclosing(used) if n in folders), used))
        scopes = enclosing(folder)
        for chain in QUALIFIED.findall(code):
            parts = chain.split(".")
            # Capture.X.Y.Type, or Y.Type resolved the way the compiler does: through the
            # file's namespace and each one around it, innermost first.
            for i in range(1, len(parts)):
                prefix, name = ".".join(parts[:i]), parts[i]
                candidates = [prefix] if prefix.startswith("Capture.") else [s + "." + prefix for s in scopes]
                namespace = next((n for n in candidates if name in types.get(n, ())), None)
                if namespace:
                    add(path, folder, namespace)
                    break
        # Types of an enclosing namespace are visible by their bare name.
        words = set(re.findall(r"(?<![\w.])[A-Z]\w*", code))
        for outer in scopes[1:]:
            if words & types.get(outer, set()):
                add(path, folder, outer)
    return edges


def strongly_connected(nodes, edges):
    """Tarjan's algorithm; components in a stable order."""
    successors = defaultdict(list)
    for source, target in sorted(edges):
        successors[source].append(target)
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for next_node in successors[node]:
            if next_node not in index:
                visit(next_node)
                low[node] = min(low[node], low[next_node])
            elif next_node in on_stack:
                low[node] = min(low[node], index[next_node])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(components)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("projects", nargs="*", help="project directories to check (default: the four non-spec projects)")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    checked = args.projects or DEFAULT_PROJECTS

    # The whole tree is read so that a project's folders are known whoever names them.
    files, types, project_of = read_tree(root, DEFAULT_PROJECTS + [p for p in checked if p not in DEFAULT_PROJECTS])
    edges = dependencies(files, types)
    loops = [c for c in strongly_connected(set(types), edges)
             if len(c) > 1 and any(project_of[f] in checked for f in c)]

    for component in loops:
        print("loop: " + " <-> ".join(component))
        members = set(component)
        for (source, target), paths in sorted(edges.items()):
            if source in members and target in members:
                print(f"  {source} -> {target}")
                for path in sorted(paths):
                    print(f"      {path}")
    if not loops:
        print("no loops between folders of " + ", ".join(checked))
    return 1 if loops else 0


if __name__ == "__main__":
    sys.exit(main())
