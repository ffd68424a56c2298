"""What the PDF checkers of tests/pdf share: running a reader (qpdf, pdfinfo, pdftotext)
and the command line over files (one line a problem, exit status 1 if any)."""
import subprocess


def run(args, ok_codes=(0,), quiet=True):
    """The standard output of `args` as bytes; RuntimeError if its exit code is not in
    ok_codes or, when quiet, it wrote on its standard error."""
    out = subprocess.run(args, capture_output=True, check=False)
    if out.returncode not in ok_codes or (quiet and out.stderr.strip()):
        raise RuntimeError(f"{' '.join(args)}: code {out.returncode}, {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


def main(argv, check, usage):
    """Checks each file of argv[1:] with check(path) -> [problem lines]; prints them."""
    if len(argv) < 2:
        print(usage)
        return 2
    problems = []
    for path in argv[1:]:
        try:
            problems += check(path)
        except RuntimeError as e:
            problems.append(f"{path}: {e}")
    for p in problems:
        print(p)
    return 1 if problems else 0
