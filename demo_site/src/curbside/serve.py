"""The HTTP service the city's case-management system calls for every new request."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoTokenizer

from .data import redact
from .routing import Decision, route

app = FastAPI(title="Curbside triage")
tokenizer = AutoTokenizer.from_pretrained("artifacts/tokenizer")
session = ort.InferenceSession("artifacts/triage-int8.onnx", providers=["CPUExecutionProvider"])
DEPARTMENTS = open("artifacts/departments.txt").read().split("\n")
TEMPERATURE = float(open("artifacts/temperature.txt").read())


class Request(BaseModel):
    description: str


@app.post("/triage")
def triage(request: Request) -> Decision:
    """Score one request and return the routing decision."""
    enc = tokenizer(redact(request.description), truncation=True, max_length=128,
                    return_tensors="np")
    dept, urg = session.run(None, {"input_ids": enc["input_ids"],
                                   "attention_mask": enc["attention_mask"]})
    return route(dept[0], urg[0], DEPARTMENTS, TEMPERATURE)


@app.get("/healthz")
def health() -> dict[str, str]:
    return {"status": "ok", "model": "triage-int8", "classes": str(len(DEPARTMENTS))}
