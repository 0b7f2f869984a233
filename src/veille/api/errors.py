"""JSON errors for the REST API: every 4xx names the parameter at fault.

Body: {"error": {"code": "E600", "parameter": "limit", "message": "..."}, "detail": [...]}
(`detail` keeps FastAPI's validation list when there is one)."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..errors import E, VeilleError

NOT_FOUND = {E.E602, E.E603, E.E008}


class ErrorDetail(BaseModel):
    code: str
    parameter: str | None = None
    message: str


class ErrorBody(BaseModel):
    """What every 4xx of the API returns."""
    error: ErrorDetail
    detail: list[Any] | None = None


RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "unknown id (E602 event, E603 document)"},
    422: {"model": ErrorBody, "description": "invalid parameter, named in error.parameter"},
}


def error_body(code: str, message: str, parameter: str | None = None, detail: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": {"code": code, "parameter": parameter, "message": message}}
    if detail is not None:
        body["detail"] = detail
    return body


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
    first = errors[0] if errors else {}
    loc = [str(p) for p in first.get("loc", [])]
    param = loc[-1] if loc else None
    reason = first.get("msg", "invalid value")
    given = first.get("input")
    message = VeilleError(E.E600, param=param, reason=f"{reason} (got {given!r})" if given is not None else reason).message
    return JSONResponse(status_code=422, content=error_body("E600", message, param, errors))


def _veille(request: Request, exc: VeilleError) -> JSONResponse:
    status = 404 if exc.code in NOT_FOUND else 422
    param = exc.fields.get("param")
    return JSONResponse(status_code=status, content=error_body(exc.code.name, exc.message,
                                                               str(param) if param else None))


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(VeilleError, _veille)
