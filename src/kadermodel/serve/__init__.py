"""``kadermodel serve``: an HTTP API and a web questionnaire (the optional extra ``server``).

:func:`kadermodel.serve.app.create_app` builds the ASGI application (Starlette) for kaders
compiled once at start-up; ``kadermodel serve`` runs it with uvicorn. The modules:

- ``catalog``: a kader described as JSON (``GET /kaders/{id}``) and its facts schema;
- ``questions``: the next question with "waarom vragen we dit?" (``/next-question``);
- ``factsfile``: facts as the web questionnaire keeps them <-> the YAML facts file;
- ``problems``: Dutch diagnostics as JSON bodies (HTTP 4xx/5xx);
- ``openapi``: the OpenAPI document of the API;
- ``app``: routes, request limits (body size, time), the static questionnaire.

The server keeps no state about the people who use it: every request carries its facts.
"""
