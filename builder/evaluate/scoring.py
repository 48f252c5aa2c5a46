"""Precision, recall and F1 from counts, shared by every evaluation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.true_positives + other.true_positives, self.predicted + other.predicted,
                     self.gold + other.gold)

    def row(self) -> str:
        return (f"P {self.precision:6.3f}  R {self.recall:6.3f}  F1 {self.f1:6.3f}  "
                f"(tp {self.true_positives}, predicted {self.predicted}, gold {self.gold})")
