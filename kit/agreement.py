"""Inter-coder agreement on nominal codings: Cohen's kappa, Krippendorff's alpha, confusion tables.

A *coding* is a DataFrame with one row per (unit, coder): columns ``unit``, ``coder`` and
``frame``, the code the coder chose (a frame id such as ``kit.framing.kit_coding`` writes, or any
nominal value; other columns are ignored). Both coefficients are computed by
:class:`nltk.metrics.agreement.AnnotationTask` (Artstein & Poesio 2008), which needs no NLTK data:

- Cohen's kappa (Cohen 1960) for two coders who coded the same units:
  ``(A_o - A_e) / (1 - A_e)``, with ``A_e`` from each coder's own label distribution.
- Krippendorff's alpha (Krippendorff 2004, ch. 11; 2011), nominal metric, for any number of
  coders: ``1 - D_o / D_e`` from the coincidence of values within units. Units coded by only
  one coder are not pairable and are left out, as the method prescribes.

Both are undefined when every code in the data is the same label (there is no variation to
correct for chance), and the kit then raises an error instead of returning a number.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from nltk.metrics.agreement import AnnotationTask

from kit.errors import AnnotationError

CODING_COLUMNS = ("unit", "coder", "frame")
AGREEMENT_COLUMNS = ["coder_a", "coder_b", "n_units", "percent_agreement", "cohen_kappa", "krippendorff_alpha",
                     "n_coders"]


def _check(codings: pd.DataFrame, what: str = "codings") -> pd.DataFrame:
    """Validate a codings table; return a clean copy with string columns unit, coder, frame."""
    if not isinstance(codings, pd.DataFrame):
        raise AnnotationError(what, f"expected a DataFrame, got {type(codings).__name__}",
                              "pass a table with columns unit, coder, frame")
    missing = [c for c in CODING_COLUMNS if c not in codings.columns]
    if missing:
        raise AnnotationError(what, f"missing column(s) {missing}",
                              "codings need the columns unit, coder, frame (one row per unit and coder)")
    df = codings.loc[:, list(CODING_COLUMNS)].copy()
    empty = df.isna().any(axis=1) | (df.astype(str).apply(lambda s: s.str.strip()) == "").any(axis=1)
    if empty.any():
        row = df[empty].iloc[0]
        raise AnnotationError(what, f"empty unit, coder or frame in row {df.index[empty][0]} ({dict(row)})",
                              "give every row a unit id, a coder and a frame (use 'none' for no frame)")
    df = df.astype(str)
    dupes = df.duplicated(["unit", "coder"], keep=False)
    if dupes.any():
        d = df[dupes].iloc[0]
        raise AnnotationError(what, f"coder {d['coder']!r} labels unit {d['unit']!r} more than once",
                              "keep one frame per unit and coder")
    if df.empty:
        raise AnnotationError(what, "no codings", "pass at least two coders' frames for the same units")
    return df


def _pair(codings: pd.DataFrame, coder_a: str, coder_b: str) -> tuple[pd.Series, pd.Series]:
    """The two coders' labels aligned on the units both coded (all units must be shared)."""
    df = _check(codings)
    coders = sorted(df["coder"].unique())
    for c in (coder_a, coder_b):
        if c not in coders:
            raise AnnotationError("codings", f"no coder {c!r}", f"use one of {coders}")
    if coder_a == coder_b:
        raise AnnotationError("codings", f"both coders are {coder_a!r}", "compare two different coders")
    a = df[df["coder"] == coder_a].set_index("unit")["frame"]
    b = df[df["coder"] == coder_b].set_index("unit")["frame"]
    only_a = sorted(set(a.index) - set(b.index))
    only_b = sorted(set(b.index) - set(a.index))
    if only_a or only_b:
        parts = []
        if only_a:
            parts.append(f"{coder_a!r} coded {only_a[:5]}{' ...' if len(only_a) > 5 else ''} which {coder_b!r} did not")
        if only_b:
            parts.append(f"{coder_b!r} coded {only_b[:5]}{' ...' if len(only_b) > 5 else ''} which {coder_a!r} did not")
        raise AnnotationError("codings", "; ".join(parts),
                              "code the same units with both coders, or filter both to the shared units")
    order = sorted(a.index)
    return a.loc[order], b.loc[order]


def _single_label_error(labels: set[str], who: str) -> AnnotationError:
    return AnnotationError(
        "codings",
        f"{who} used only one label ({sorted(labels)[0]!r}), so chance-corrected agreement is undefined",
        "report percent agreement instead, or code more varied units",
    )


def cohen_kappa(codings: pd.DataFrame, coder_a: str, coder_b: str) -> float:
    """Cohen's (1960) kappa between two coders on the same units, via nltk's AnnotationTask.

    >>> c = pd.DataFrame({"unit": ["u1", "u2", "u3", "u4"] * 2, "coder": ["A"] * 4 + ["B"] * 4,
    ...                   "frame": ["x", "x", "y", "y", "x", "y", "y", "y"]})
    >>> round(cohen_kappa(c, "A", "B"), 4)  # Ao = 3/4, Ae = 2/4*1/4 + 2/4*3/4 = 1/2
    0.5
    """
    a, b = _pair(codings, coder_a, coder_b)
    labels = set(a) | set(b)
    if len(labels) < 2:
        raise _single_label_error(labels, f"coders {coder_a!r} and {coder_b!r} together")
    data = [(coder_a, u, lab) for u, lab in a.items()] + [(coder_b, u, lab) for u, lab in b.items()]
    return float(AnnotationTask(data=data).kappa_pairwise(coder_a, coder_b))


def krippendorff_alpha(codings: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) over all coders, via nltk's AnnotationTask.

    Missing codes are allowed (a unit need not be coded by every coder); units with fewer than
    two codes are left out. Krippendorff (2004, ch. 11; 2011).

    >>> c = pd.DataFrame({"unit": ["u1", "u2", "u3", "u4"] * 2, "coder": ["A"] * 4 + ["B"] * 4,
    ...                   "frame": ["x", "x", "y", "y", "x", "y", "y", "y"]})
    >>> round(krippendorff_alpha(c), 4)  # Do = 2/8, De = 2*3*5/(8*7) = 30/56, alpha = 1 - 0.25*56/30
    0.5333
    """
    df = _check(codings)
    if df["coder"].nunique() < 2:
        raise AnnotationError("codings", f"only one coder ({df['coder'].iloc[0]!r})", "alpha needs at least two coders")
    pairable = df[df.groupby("unit")["unit"].transform("size") >= 2]
    if pairable.empty:
        raise AnnotationError("codings", "no unit is coded by two or more coders",
                              "have at least two coders code the same units")
    labels = set(pairable["frame"])
    if len(labels) < 2:
        raise _single_label_error(labels, "all coders")
    data = list(zip(df["coder"], df["unit"], df["frame"], strict=True))
    return float(AnnotationTask(data=data).alpha())


def percent_agreement(codings: pd.DataFrame, coder_a: str, coder_b: str) -> float:
    """Share of units (0-1) on which two coders chose the same label (not chance-corrected).

    A share like every other in the kit; a display formats it as a percentage (``f"{x:.0%}"``).

    >>> c = pd.DataFrame({"unit": ["u1", "u2", "u3", "u4"] * 2, "coder": ["A"] * 4 + ["B"] * 4,
    ...                   "frame": ["x", "x", "y", "y", "x", "y", "y", "y"]})
    >>> percent_agreement(c, "A", "B")
    0.75
    """
    a, b = _pair(codings, coder_a, coder_b)
    return float((a.to_numpy() == b.to_numpy()).mean())


def confusion(codings: pd.DataFrame, coder_a: str, coder_b: str) -> pd.DataFrame:
    """Confusion table of two coders: rows are coder_a's labels, columns coder_b's, cells unit counts.

    Every label either coder used appears as a row and a column (sorted), zeros included, so the
    diagonal holds the agreements (Krippendorff 2004, ch. 11).

    >>> c = pd.DataFrame({"unit": ["u1", "u2"] * 2, "coder": ["A", "A", "B", "B"], "frame": ["x", "y", "x", "x"]})
    >>> confusion(c, "A", "B").loc["y", "x"]
    np.int64(1)
    """
    a, b = _pair(codings, coder_a, coder_b)
    labels = sorted(set(a) | set(b))
    table = pd.crosstab(
        pd.Categorical(a.to_numpy(), categories=labels), pd.Categorical(b.to_numpy(), categories=labels),
        dropna=False,
    )
    table.index = pd.Index(labels, name=coder_a)
    table.columns = pd.Index(labels, name=coder_b)
    return table.astype("int64")


def agreement_table(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of coders: units, percent agreement (a 0-1 share), Cohen's kappa; plus the overall alpha.

    ``krippendorff_alpha`` and ``n_coders`` are the same on every row (all coders together).
    Pairs are sorted by coder names. Cohen (1960); Krippendorff (2004).

    Where every code is the same label (a short text whose paragraphs all share one frame), the
    chance-corrected coefficient is undefined and its cell is NaN, not an error: percent agreement
    still says how often the coders agreed. :func:`undefined_agreement` says which cells are NaN and why.

    >>> same = pd.DataFrame({"unit": ["u1", "u2"] * 2, "coder": ["A", "A", "B", "B"], "frame": ["x"] * 4})
    >>> agreement_table(same)[["percent_agreement", "cohen_kappa", "krippendorff_alpha"]].to_dict("records")
    [{'percent_agreement': 1.0, 'cohen_kappa': nan, 'krippendorff_alpha': nan}]
    """
    df = _check(codings)
    coders = sorted(df["coder"].unique())
    if len(coders) < 2:
        raise AnnotationError("codings", f"only one coder ({coders[0]!r})", "add a second coder's frames")
    alpha = krippendorff_alpha(df) if _pairable_labels(df) >= 2 else float("nan")
    rows = []
    for a, b in combinations(coders, 2):
        first, second = _pair(df, a, b)
        rows.append(
            {
                "coder_a": a,
                "coder_b": b,
                "n_units": len(first),
                "percent_agreement": percent_agreement(df, a, b),
                "cohen_kappa": cohen_kappa(df, a, b) if len(set(first) | set(second)) >= 2 else float("nan"),
                "krippendorff_alpha": alpha,
                "n_coders": len(coders),
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _pairable_labels(df: pd.DataFrame) -> int:
    """How many distinct labels the units coded by two or more coders use (alpha needs two)."""
    pairable = df[df.groupby("unit")["unit"].transform("size") >= 2]
    return pairable["frame"].nunique()


def undefined_agreement(table: pd.DataFrame) -> str | None:
    """One sentence explaining the NaN cells of an :func:`agreement_table`, or None if there are none.

    >>> same = pd.DataFrame({"unit": ["u1", "u2"] * 2, "coder": ["A", "A", "B", "B"], "frame": ["x"] * 4})
    >>> undefined_agreement(agreement_table(same))[:60]
    'Chance-corrected agreement is undefined (NaN) where the code'
    """
    if not table[["cohen_kappa", "krippendorff_alpha"]].isna().to_numpy().any():
        return None
    return ("Chance-corrected agreement is undefined (NaN) where the codes compared are all one label: "
            "there is no variation to correct for chance. Read percent agreement there instead.")
