"""The command line (click). Each command is a thin shell around one pipeline stage.

Commands only parse options, call the stage and turn its result into an exit
code; all real work lives in the stage modules so it can be tested without a CLI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

CONTENT_DIR = Path("content")


def _existing_content(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    if not value.is_dir():  # a mistyped --content must not build (and publish) an empty site
        click.echo(f"{value}: error: no such folder — run from the project root or pass "
                   "--content DIR", err=True)
        ctx.exit(1)
    return value


def _content_read(purpose: str):  # --content of the commands that read it
    return click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
                        type=click.Path(file_okay=False, path_type=Path),
                        callback=_existing_content, help=purpose)


class _Command(click.Command):
    def invoke(self, ctx: click.Context):
        ctx.meta["params"] = ctx.params  # meta is shared: the group's handler sees them
        return super().invoke(ctx)


class _Commands(click.Group):
    """Every command: an OS failure (disk full, read-only…) is one line and exit 1."""

    command_class = _Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise  # click's own handling: the reader closed the pipe
            from site_src.commands.oserrors import describe

            params = ctx.meta.get("params", {})  # a failed write() names no file: the folder
            click.echo(describe(exc, params.get("out_dir") or params.get("content_dir")),
                       err=True)
            ctx.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """民政简报 archive: import raw bulletins, check and build the static site.

    \b
    Typical use:
      python build.py import raw/*.txt     # raw bulletins → content/*.md
      python build.py check                # validate content/
      python build.py build                # content/ → public/ (+ search index)
      python build.py new                  # scaffold a new article from prompts
      python build.py serve                # preview with live reload
    """


@main.command("import")
@click.argument(
    "files", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where the Markdown files go.")
@click.option("--dry-run", is_flag=True,
              help="Print what would be written (a table per bulletin); write nothing.")
@click.option("--force", is_flag=True,
              help="Overwrite articles an editor has changed since they were imported.")
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="Year of these bulletins: dates reports that give a month but no year.")
def import_cmd(
    files: tuple[Path, ...], content_dir: Path, dry_run: bool, force: bool, year: int | None
) -> None:
    """Split raw bulletin FILES into one Markdown article per report.

    Re-running is idempotent. A file an editor changed since import is never
    overwritten unless --force is given. Nothing is written if any bulletin
    fails the conservation check (every character accounted for).
    --dry-run prints each bulletin's reports (title and its origin, date,
    place, people, source, target file) and flags uncertain splits.
    The rules are documented in docs/importer.md.
    """
    from site_src.importer.command import run_import

    sys.exit(run_import(list(files), content_dir, dry_run=dry_run, force=force, year=year))


@main.command("build")
@_content_read("Markdown articles to build from.")
@click.option("--out", "out_dir", default=Path("public"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (replaced atomically).")
@click.option("--base-url", default="/", show_default=True,
              help="Public URL of the site root, e.g. https://user.github.io/repo/ "
                   "(a subpath works).")
@click.option("--no-search", is_flag=True,
              help="Skip the Pagefind search index (faster; search page will not work).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--clean", is_flag=True,
              help="Forget what earlier builds kept beside --out (page digests, "
                   "spare copy) and render every page again.")
def build_cmd(
    content_dir: Path, out_dir: Path, base_url: str, no_search: bool, strict: bool, clean: bool
) -> None:
    """Render content/ into a static site in --out, then index it with Pagefind.

    The site is built in a temporary folder and swapped in only if every step
    succeeded: a failed build leaves the previous site untouched. Exit code 0
    only on full success.
    """
    from site_src.commands.preview import preview_hint
    from site_src.pipeline import run_build

    code = run_build(content_dir, out_dir, base_url=base_url, search=not no_search,
                     strict=strict, clean=clean)
    if code == 0:
        click.echo(preview_hint(out_dir, base_url))
    sys.exit(code)


@main.command("check")
@_content_read("Markdown articles to validate.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. unknown keys) as errors.")
@click.option("--fix-encoding", is_flag=True,
              help="Convert GBK/GB18030 files to UTF-8 (the only change check ever makes).")
def check_cmd(content_dir: Path, strict: bool, fix_encoding: bool) -> None:
    """Validate every article in content/ and report every problem in one run.

    Each problem is printed as `path:line:column: what is wrong — how to fix it`.
    Exit code 1 if there is any error (or any warning with --strict).
    """
    from site_src.commands.check import run_check

    sys.exit(run_check(content_dir, strict=strict, fix_encoding=fix_encoding))


class _Parsed(click.ParamType):
    """An option (typed or prompted) checked by a scaffold parser; a prompt asks again."""

    def __init__(self, parser_name: str, *, with_province: bool = False):
        self.name = parser_name.removeprefix("parse_")
        self.parser_name = parser_name
        self.with_province = with_province

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value  # already converted (click converts again after a prompt)
        from site_src.commands import scaffold

        parser = getattr(scaffold, self.parser_name)
        try:
            if self.with_province:
                return parser(value, ctx.params.get("province") if ctx else None)
            return parser(value)
        except click.BadParameter as exc:
            raise _OptionError(exc.message, ctx=ctx, param=param) from None


class _OptionError(click.BadParameter):
    """A bad option value said in the house voice: `--date: what is wrong — how to fix it`.

    click's own wording ("Invalid value for '--date': Invalid value: …") says the
    same thing twice and hides the fix; a prompt shows just the message.
    """

    def format_message(self) -> str:
        option = self.param.opts[0] if self.param is not None and self.param.opts else "value"
        return f"{option}: {self.message}"


class _Asked(click.Option):
    """An option `new` asks for when it is missing, unless --yes says ask nothing."""

    def prompt_for_value(self, ctx: click.Context):
        if not ctx.params.get("yes"):
            try:
                return super().prompt_for_value(ctx)
            except click.Abort:
                if sys.stdin.isatty():
                    raise  # Ctrl-C / Ctrl-D at a terminal: the reader chose to stop
                raise click.UsageError(
                    f"no answer for {self.opts[0]} (standard input ended) — give it as an "
                    "option, or add --yes to leave the fields not given empty") from None
        default = self.get_default(ctx)
        if not isinstance(default, str):  # no empty default declared (the title): required
            ctx.meta.setdefault("missing", []).append(self.opts[0])
            return None
        return self.type_cast_value(ctx, default)


@main.command("new")
@click.option("--yes", "-y", "yes", is_flag=True, is_eager=True,
              help="Ask nothing: take the defaults (empty) for fields not given; for scripts.")
@click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the article is created in.")
@click.option("--title", cls=_Asked, prompt="标题 Title", type=_Parsed("parse_title"),
              help="The report's headline.")
@click.option("--date", "date", cls=_Asked,
              prompt="日期 Date (YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown)",
              default="", show_default=False, type=_Parsed("parse_date"),
              help="As precise as known: 2024-03-14, 2024-03 or 2024.")
@click.option("--province", cls=_Asked, default="",
              prompt="省份 Province (e.g. 浙江省; empty if none)",
              show_default=False, type=_Parsed("parse_province"),
              help="Full official name, e.g. 浙江省.")
@click.option("--city", cls=_Asked, prompt="城市 City (e.g. 扬州市; empty if none)", default="",
              show_default=False, type=_Parsed("parse_city", with_province=True),
              help="Prefecture-level city, e.g. 扬州市.")
@click.option("--leaders", cls=_Asked, default="",
              prompt="主持 Leaders (names separated by 、 or ,)",
              show_default=False, type=_Parsed("parse_names"),
              help="Who chaired it, e.g. '陈斌' or '陈斌,李四'.")
@click.option("--speakers", cls=_Asked, default="",
              prompt="发言 Speakers (names separated by 、 or ,)",
              show_default=False, type=_Parsed("parse_names"),
              help="Other officials who spoke or reported.")
@click.option("--source", cls=_Asked, default="",
              prompt="来源 Source (e.g. 浙江省民政厅; empty if none)",
              show_default=False, help="Organisation in the attribution （据…）.")
@click.option("--slug", default="", type=_Parsed("parse_slug"),
              help="URL name instead of the automatic place-MMDD one.")
@click.option("--body", default="", help="The report's text (else write it in your editor).")
def new_cmd(yes: bool, content_dir: Path, title: str, date, province: str | None,
            city: str | None, leaders: tuple[str, ...], speakers: tuple[str, ...], source: str,
            slug: str | None, body: str) -> None:
    """Create a new article with a valid front matter and print its path.

    Asks for each field not given as an option (and again if an answer is
    invalid); with --yes it asks nothing and leaves those fields empty. The file
    goes to content/YYYY/MM/<place>-<MMDD>.md, with -2, -3…
    if that is taken; an existing file is never overwritten.
    """
    from site_src.commands import scaffold

    missing = click.get_current_context().meta.get("missing")
    if missing:
        raise click.UsageError(f"--yes asks nothing, so give {', '.join(missing)} as an option "
                               f"(e.g. new --yes {missing[0]} …)")
    try:
        if city:  # options typed in any order: re-check the city against the final province
            scaffold.parse_city(city, province)
        article = scaffold.NewArticle(
            title=title, date=date, province=province, city=city, leaders=leaders,
            speakers=speakers, source=source.strip() or None, slug=slug, body=body)
        path = scaffold.create_article(content_dir, article)
    except click.BadParameter as exc:
        raise click.UsageError(exc.format_message()) from None
    except scaffold.ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(str(path))
    if not body.strip():
        click.echo("Now write the report's text below the closing `---` in that file, then run "
                   "`python build.py check`.", err=True)


@main.command("serve")
@_content_read("Markdown articles to serve.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port, printed on start).")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Build into this folder instead of a private temporary one.")
def serve_cmd(content_dir: Path, port: int, out_dir: Path | None) -> None:
    """Build the site, serve it on 127.0.0.1 and rebuild + reload pages on every save.

    Watches content/, templates/ and static/. Invalid content is shown in the
    terminal and in the browser (the server keeps running); fixing it brings the
    page back. Search is re-indexed in the background after edits settle.
    """
    from site_src.commands.serve import serve

    sys.exit(serve(content_dir, port=port, out_dir=out_dir))

if __name__ == "__main__":
    main()
