"""Sums of per-posting scores for one slice of the world set (overall, a format, a group)."""

from __future__ import annotations

from dataclasses import dataclass, field

from eval.world_scoring import FIELDS, Score


@dataclass
class Tally:
    """Field hits and skill counts added up; skill figures are micro-averaged."""

    postings: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched_parsed: int = 0
    parsed: int = 0
    matched_labels: int = 0
    labels: int = 0
    invented: int = 0
    open_matched: int = 0
    open_parsed: int = 0
    open_found: int = 0

    def add(self, result: Score) -> None:
        """Count one posting in."""
        self.postings += 1
        for name, ok in result.fields.items():
            self.hits[name] += ok
        self.matched_parsed += result.matched_parsed
        self.parsed += result.parsed
        self.matched_labels += result.matched_labels
        self.labels += result.labels
        self.invented += len(result.invented)
        self.open_matched += result.open_counts[0]
        self.open_parsed += result.open_counts[1]
        self.open_found += result.open_counts[2]

    def field(self, name: str) -> float:
        """The share of postings whose ``name`` field was right."""
        return self.hits[name] / self.postings if self.postings else 0.0

    @property
    def field_accuracy(self) -> float:
        """The mean of the per-field accuracies."""
        return sum(self.field(f) for f in FIELDS) / len(FIELDS)

    @property
    def precision(self) -> float:
        """The share of parsed skills that answer a label (1.0 when none was parsed)."""
        return self.matched_parsed / self.parsed if self.parsed else 1.0

    @property
    def recall(self) -> float:
        """The share of labelled skills some parsed skill answers (1.0 when none is labelled)."""
        return self.matched_labels / self.labels if self.labels else 1.0

    @property
    def open_precision(self) -> float:
        """Precision counting unrecognised_skills as parsed skills too."""
        return self.open_matched / self.open_parsed if self.open_parsed else 1.0

    @property
    def open_recall(self) -> float:
        """Recall counting unrecognised_skills as parsed skills too."""
        return self.open_found / self.labels if self.labels else 1.0

    def figures(self) -> dict[str, float]:
        """Named figures, as the floors file names them."""
        return {
            "field_accuracy": self.field_accuracy,
            **{f"{f}.accuracy": self.field(f) for f in FIELDS},
            "skills.precision": self.precision,
            "skills.recall": self.recall,
            "skills.invented": float(self.invented),
            "open_skills.precision": self.open_precision,
            "open_skills.recall": self.open_recall,
        }
