"""Command line: ``python -m distillbook {build,validate,ledger,bib,lint}``."""

from __future__ import annotations

import argparse
import sys

from distillbook.core import paths


def _lint() -> int:
    """The fast checks: data validation, the ledger, prose numbers, quotations, style."""
    from distillbook.publish.lint import lint_findings, lint_notes

    problems = lint_findings(paths.ROOT)
    for problem in problems:
        print(problem)
    for note in lint_notes():
        print(note)
    print(f"lint: {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m distillbook")
    parser.add_argument("command", choices=["build", "validate", "ledger", "bib", "lint"])
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":  # imports only what building needs: a rebuild with nothing to do stays light
        from distillbook.publish import build

        return build.build(paths.ROOT, rest)
    from distillbook.core import data, ledger
    from distillbook.publish import bib

    try:
        if args.command == "validate":
            data.validate_package()
            print("data/: valid")
        elif args.command == "ledger":
            import distillbook.chapters.checks  # noqa: F401 - fills core's check registry

            results = ledger.run_ledger()
            print(f"ledger: {len(results)} checked claim(s) hold")
        elif args.command == "bib":
            changed = bib.write_bibliography()
            print("references.bib: " + ("written" if changed else "up to date"))
        elif args.command == "lint":
            return _lint()
    except (data.DataError, ledger.LedgerError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
