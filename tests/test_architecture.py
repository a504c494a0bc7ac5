"""The layers (DESIGN.md, "Layout and layers"): imports run downwards only, and nothing imports in a circle.

forms (bottom) → core → treatments, blog → home → demo (top). Every `import` and
`from … import` counts, wherever it is in the file, inside functions too.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "forms", "treatments", "blog", "home", "demo", "clinicsite")
PAGE_APPS = {"treatments", "blog", "home", "demo"}
# app: the apps it must never import
FORBIDDEN = {
    "forms": PAGE_APPS | {"core"},
    "core": PAGE_APPS,
    "treatments": {"blog", "home", "demo"},
    "blog": {"treatments", "home", "demo"},
    "home": {"demo"},
}


def project_modules():
    """{dotted module name: (path, is a package)} for every non-test, non-migration file of the apps."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            is_package = parts[-1] == "__init__"
            modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def imports(source, module, is_package=False):
    """(line, dotted name) for each module a file's source imports; `from pkg import x` also yields pkg.x."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the file's package
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            yield node.lineno, base
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


MODULES = project_modules()
GRAPH = {
    module: {name for _, name in imports(path.read_text(), module, is_package) if name in MODULES} - {module}
    for module, (path, is_package) in MODULES.items()
}


def find_cycle(graph):
    """One import circle as a list of modules, first == last, or None."""
    done, stack = set(), []

    def visit(module):
        if module in stack:
            return [*stack[stack.index(module) :], module]
        if module in done:
            return None
        stack.append(module)
        for imported in sorted(graph[module]):
            if cycle := visit(imported):
                return cycle
        stack.pop()
        done.add(module)
        return None

    return next(filter(None, map(visit, sorted(graph))), None)


def test_lower_layers_never_import_higher_ones():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for module, (path, is_package) in MODULES.items()
        for line, name in imports(path.read_text(), module, is_package)
        if name.partition(".")[0] in FORBIDDEN.get(module.partition(".")[0], ())
    ]
    assert not wrong, "Imports that run up the layers (forms → core → treatments, blog → home → demo):\n" + "\n".join(
        sorted(set(wrong))
    )


def test_no_import_circles():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "Import circle: " + " → ".join(cycle)


def test_the_checks_see_imports_inside_functions_and_relative_ones():
    source = "def f():\n    from home.models import HomePage\n\nfrom . import listings\nfrom .blocks import body\n"
    assert set(imports(source, "core.models")) == {
        (2, "home.models"),
        (2, "home.models.HomePage"),
        (4, "core"),
        (4, "core.listings"),
        (5, "core.blocks"),
        (5, "core.blocks.body"),
    }
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert {"core.blocks", "core.blocks.body", "forms.models"} <= MODULES.keys()
    assert "core.blocks.body" in GRAPH["core.blocks"]
