"""Fine-tuning the triage model on the time-split requests."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup

from .model import TriageModel, triage_loss


@dataclass
class TrainConfig:
    epochs: int = 4
    lr: float = 3e-5
    warmup: float = 0.06
    batch_size: int = 32
    grad_clip: float = 1.0
    patience: int = 2


class Trainer:
    """Trains on one split, keeps the checkpoint with the best validation macro-F1."""

    def __init__(self, model: TriageModel, config: TrainConfig, device: str = "cuda"):
        self.model = model.to(device)
        self.config = config
        self.device = device

    def fit(self, train: DataLoader, valid: DataLoader) -> float:
        """Train with warm-up and cosine decay, early-stop on validation macro-F1."""
        cfg = self.config
        optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=0.01)
        total = cfg.epochs * len(train)
        scheduler = get_cosine_schedule_with_warmup(optimizer, int(cfg.warmup * total), total)
        best, stale = -1.0, 0
        for epoch in range(cfg.epochs):
            self.model.train()
            for batch in train:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                dept_logits, urg_logits = self.model(batch["input_ids"], batch["attention_mask"])
                loss = triage_loss(dept_logits, urg_logits, batch["department"], batch["urgency"])
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.grad_clip)
                optimizer.step()
                scheduler.step()
            score = self.evaluate(valid)
            if score > best:
                best, stale = score, 0
                torch.save(self.model.state_dict(), "checkpoints/best.pt")
            else:
                stale += 1
                if stale >= cfg.patience:
                    break
        return best

    @torch.no_grad()
    def evaluate(self, loader: DataLoader) -> float:
        """Macro-F1 of the department head on one loader."""
        from sklearn.metrics import f1_score

        self.model.eval()
        truth, guess = [], []
        for batch in loader:
            batch = {k: v.to(self.device) for k, v in batch.items()}
            dept_logits, _ = self.model(batch["input_ids"], batch["attention_mask"])
            guess += dept_logits.argmax(-1).tolist()
            truth += batch["department"].tolist()
        return float(f1_score(truth, guess, average="macro"))
