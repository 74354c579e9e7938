"""``kadermodel serve``: the HTTP API and the web questionnaire (extra ``kadermodel[server]``).

The kaders are loaded and compiled before the server listens; a kader error stops the
command with the usual Dutch diagnostics (exit 2). Starlette and uvicorn are imported only
here, when the command runs, so the rest of the command line works without the extra.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any

from kadermodel.api import BUNDLED_KADER
from kadermodel.cli.app import (
    EXIT_OK,
    PROG,
    UsageError,
    kader_options,
    load_kader_reporting,
    subparser,
)

_EPILOG = """\
voorbeelden:
  kadermodel serve
  kadermodel serve --port 8080
  kadermodel serve --uitbreiding regio.kader
  kadermodel serve --host 0.0.0.0 --port 8000   (alleen achter een reverse proxy)

Open daarna http://127.0.0.1:8000/ voor de vragenlijst en http://127.0.0.1:8000/docs voor
de API. De server bewaart geen antwoorden: die blijven in de browser.
"""


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"'{text}' is geen poortnummer (1 tot 65535)")
    return int(text)


def _bytes(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"'{text}' is geen positief geheel getal")
    return int(text)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"'{text}' is geen positief getal")
    return value


def register(subparsers: Any) -> None:
    parser, _, group = subparser(
        subparsers,
        "serve",
        "start de web-API en de vragenlijst in de browser",
        "Start een webserver met de API (JSON) en een vragenlijst in de browser voor "
        "gemeenten. Vereist de extra 'server': pip install 'kadermodel[server]'.",
        _EPILOG,
    )
    group.add_argument(
        "--host",
        metavar="ADRES",
        default="127.0.0.1",
        help="het adres om op te luisteren (standaard: 127.0.0.1)",
    )
    group.add_argument(
        "--port", metavar="POORT", type=_port, default=8000, help="de poort (standaard: 8000)"
    )
    kader_options(group)
    group.add_argument(
        "--max-body-size",
        metavar="BYTES",
        type=_bytes,
        default=1_000_000,
        help="grootste verzoek in bytes (standaard: 1000000); groter geeft HTTP 413",
    )
    group.add_argument(
        "--time-limit",
        metavar="SECONDEN",
        type=_positive,
        default=10.0,
        help="rekentijd per verzoek in seconden (standaard: 10); langer geeft HTTP 503",
    )
    parser.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace, out: IO[str]) -> int:
    try:
        import uvicorn

        from kadermodel.serve.app import Limits, create_app
    except ImportError:
        raise UsageError(
            "'kadermodel serve' heeft de extra 'server' nodig; installeer die met: "
            "pip install 'kadermodel[server]'"
        ) from None
    kader = load_kader_reporting(args.kader or BUNDLED_KADER, args.uitbreiding)
    app = create_app([kader], Limits(args.max_body_size, args.time_limit))
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"{PROG} serve: de vragenlijst staat op http://{host}:{args.port}/ en de API op "
        f"http://{host}:{args.port}/docs (stoppen: Ctrl-C)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return EXIT_OK
