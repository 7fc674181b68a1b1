"""The triage model: one multilingual encoder, two heads."""

from __future__ import annotations

import torch
from torch import nn
from transformers import AutoModel

ENCODER = "distilbert-base-multilingual-cased"


class TriageModel(nn.Module):
    """Predicts the department (14 classes) and the urgency (3 levels) of a request."""

    def __init__(self, n_departments: int = 14, n_urgency: int = 3, dropout: float = 0.1):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(ENCODER)
        width = self.encoder.config.dim
        self.dropout = nn.Dropout(dropout)
        self.department = nn.Linear(width, n_departments)
        self.urgency = nn.Linear(width, n_urgency)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        pooled = self.dropout(hidden.last_hidden_state[:, 0])
        return self.department(pooled), self.urgency(pooled)


def triage_loss(dept_logits, urg_logits, dept, urg, urgency_weight: float = 0.5):
    """Cross-entropy on both heads; urgency counts half, with label smoothing."""
    dept_loss = nn.functional.cross_entropy(dept_logits, dept, label_smoothing=0.05)
    urg_loss = nn.functional.cross_entropy(urg_logits, urg)
    return dept_loss + urgency_weight * urg_loss
