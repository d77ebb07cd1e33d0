"""Hand coding in JupyterLab: a widget that shows each unit of a text with a codebook's frames.

``Coder(doc, codebook="mfc", units=[...])`` shows one unit at a time (its id and full text), a
drop-down for the primary frame, a list for any secondary frames a careful coder could defend, and
a note; *Previous* and *Next* move through the units, and a line says how many are coded. The codes
are kept in Python, so nothing is lost when the widget is closed:

- :meth:`Coder.table` is the tidy table in the annotations format of ``texts/annotations/``
  (``unit, start, end, primary, secondary, coder, note``; ``secondary`` joined with ``;``);
- :meth:`Coder.codes` is ``{unit id: primary frame}``, the typed-dict shape the exercises accept;
- :meth:`Coder.codings` is the ``unit, coder, frame`` table of :mod:`kit.agreement`;
- :meth:`Coder.save` writes the CSV that :func:`kit.framing.load_human_frames` reads.

Where widgets cannot run (a static HTML export, a plain terminal, ipywidgets not installed), the
same object still works: :meth:`Coder.code` records a code from Python, and printing the coder lists
the units still to code. Tests drive the widget by setting its values and clicking its buttons.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit import outdir, pins
from kit.errors import AnnotationError, KitError, did_you_mean, did_you_mean_unit
from kit.text import Document, load_text

#: Columns of :meth:`Coder.table` (the frame-annotation format, with the unit's offsets).
CODER_COLUMNS = ["unit", "start", "end", "primary", "secondary", "coder", "note"]
#: Columns of the CSV :meth:`Coder.save` writes (the format of ``texts/annotations/*_frames.csv``).
CSV_COLUMNS = ["unit", "fingerprint", "primary", "secondary", "coder", "note"]
NOT_CODED = "(not coded yet)"


@dataclass
class UnitCode:
    """One unit's code: the primary frame, any secondary frames, and a note."""

    primary: str | None = None
    secondary: tuple[str, ...] = ()
    note: str = ""


@dataclass
class Coder:
    """Code units of ``doc`` with the frames of ``codebook``; see the module docstring."""

    doc: Document | str | Path
    codebook: Any = "mfc"
    units: Iterable[str] | None = None
    coder: str = "me"
    _codes: dict[str, UnitCode] = field(default_factory=dict, init=False, repr=False)
    _widget: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        from kit.framing import load_codebook

        self.doc = load_text(self.doc)
        self._codebook = load_codebook(self.codebook)
        self.frames: dict[str, str] = {f.id: f.label for f in self._codebook.frames}
        unit_ids = list(self.units) if self.units is not None else [p.id for p in self.doc.paragraphs]
        if not unit_ids:
            raise KitError("Coder", "no units to code", "pass units=[...] with paragraph or sentence ids")
        known = {p.id for p in self.doc.paragraphs} | {s.id for s in self.doc.sentences}
        for unit_id in unit_ids:
            if unit_id not in known:
                raise KitError("Coder", f"{unit_id!r} is not a unit of '{self.doc.slug}'{did_you_mean_unit(unit_id, known)}",
                               "use paragraph ids such as 'p03' or sentence ids such as 'p03.s1'")
        if len(set(unit_ids)) != len(unit_ids):
            raise KitError("Coder", "a unit is listed twice", "list each unit id once")
        if not isinstance(self.coder, str) or not self.coder.strip():
            raise KitError("Coder", f"coder should be a non-empty name, got {self.coder!r}", "e.g. coder='me'")
        self.units = tuple(unit_ids)
        self._codes = {u: UnitCode() for u in self.units}
        self.position = 0

    # ------------------------------------------------------------ recording codes (no widgets needed)

    def code(self, unit: str, primary: str | None, secondary: Iterable[str] = (), note: str = "") -> None:
        """Record the code of one unit (``primary=None`` clears it)."""
        if unit not in self._codes:
            raise KitError("Coder.code", f"{unit!r} is not among the units to code{did_you_mean(unit, self._codes)}",
                           f"use one of {', '.join(self.units[:5])}{' ...' if len(self.units) > 5 else ''}")
        chosen = tuple(secondary)
        for frame in ((primary,) if primary is not None else ()) + chosen:
            if frame not in self.frames:
                raise KitError("Coder.code", f"{frame!r} is not a frame of the {self._codebook.name} codebook"
                               f"{did_you_mean(frame, self.frames)}", "use a frame id, e.g. 'political'")
        self._codes[unit] = UnitCode(primary, tuple(f for f in chosen if f != primary), str(note))
        self._refresh_progress()

    def code_all(self, codes: Mapping[str, str]) -> Coder:
        """Record ``{unit id: primary frame}`` in one go (the typed-dict route); returns the coder."""
        for unit, primary in codes.items():
            self.code(unit, primary)
        return self

    @property
    def n_coded(self) -> int:
        """How many units have a primary frame."""
        return sum(c.primary is not None for c in self._codes.values())

    def table(self) -> pd.DataFrame:
        """One row per unit, in the order given: ``unit, start, end, primary, secondary, coder, note``."""
        rows = []
        for unit_id in self.units:
            unit, c = self.doc.unit(unit_id), self._codes[unit_id]
            rows.append({"unit": unit_id, "start": unit.start, "end": unit.end, "primary": c.primary,
                         "secondary": ";".join(c.secondary), "coder": self.coder, "note": c.note})
        return pd.DataFrame(rows, columns=CODER_COLUMNS)

    def codes(self) -> dict[str, str]:
        """``{unit id: primary frame}`` for the units coded so far."""
        return {u: c.primary for u, c in self._codes.items() if c.primary is not None}

    def codings(self) -> pd.DataFrame:
        """The coded units as a ``unit, coder, frame`` table (:mod:`kit.agreement`'s format)."""
        coded = self.codes()
        return pd.DataFrame({"unit": list(coded), "coder": self.coder, "frame": list(coded.values())},
                            columns=["unit", "coder", "frame"])

    def save(self, path: str | Path) -> Path:
        """Write the codes as a frame-annotation CSV (every unit coded) and return the path.

        The file goes where :func:`kit.outdir.check_file` allows any output of the kit: not into
        ``texts/``, ``notebooks/``, ``exercises/`` or the package, nor into a folder the kit builds
        (``build/oped/``), which its next run replaces whole.
        """
        fix = "save your codes in your own folder, e.g. Path('my_codes.csv')"
        target = outdir.check_file(path, fix)
        missing = [u for u, c in self._codes.items() if c.primary is None]
        if missing:
            raise AnnotationError(target, f"{len(missing)} unit(s) have no primary frame yet: "
                                  f"{', '.join(missing[:5])}", "code every unit before saving")
        table = self.table().assign(fingerprint=[pins.unit_fingerprint(self.doc, u) for u in self.units])
        csv = table[CSV_COLUMNS].to_csv(index=False, lineterminator="\n")
        outdir.write_file(path, csv, fix)
        return Path(path)

    def __str__(self) -> str:
        todo = [u for u, c in self._codes.items() if c.primary is None]
        head = f"Coder for '{self.doc.slug}' ({self._codebook.name} codebook): {self.n_coded} of {len(self.units)} coded"
        return head + (f"; still to code: {', '.join(todo)}" if todo else "")

    # ------------------------------------------------------------ the widget

    @property
    def controls(self) -> CoderControls:
        """The widgets (heading, text, primary, secondary, note, previous, next, progress), built on first use."""
        if self._widget is None:
            self._widget = CoderControls(self)
        return self._widget

    @property
    def widget(self) -> Any:
        """The ipywidgets box to display."""
        return self.controls.box

    def _ipython_display_(self) -> None:
        from IPython.display import display

        try:
            box = self.widget
        except ImportError:
            print(str(self))
            print("ipywidgets is not installed here: record codes with coder.code(unit, frame).")
            return
        display(box)

    def _refresh_progress(self) -> None:
        if self._widget is not None:
            self._widget.show_unit()


class CoderControls:
    """The widgets of one Coder, kept in step with its codes."""

    def __init__(self, coder: Coder):
        import ipywidgets as w

        self.coder = coder
        options = [(f"{label} ({frame})", frame) for frame, label in coder.frames.items()]
        self.heading = w.HTML()
        self.text = w.HTML(layout=w.Layout(max_width="60em"))
        self.primary = w.Dropdown(options=[(NOT_CODED, None), *options], description="Primary",
                                  layout=w.Layout(width="32em"))
        self.secondary = w.SelectMultiple(options=options, description="Also", rows=6,
                                          layout=w.Layout(width="32em"))
        self.note = w.Text(description="Note", placeholder="why this frame?", layout=w.Layout(width="32em"))
        self.previous = w.Button(description="Previous", icon="arrow-left")
        self.next = w.Button(description="Next", icon="arrow-right")
        self.progress = w.HTML()
        self._loading = False
        for control in (self.primary, self.secondary, self.note):
            control.observe(self._record, names="value")
        self.previous.on_click(lambda _: self.move(-1))
        self.next.on_click(lambda _: self.move(+1))
        self.box = w.VBox([self.heading, self.text, self.primary, self.secondary, self.note,
                           w.HBox([self.previous, self.next, self.progress])])
        self.show_unit()

    def move(self, step: int) -> None:
        self.coder.position = min(max(self.coder.position + step, 0), len(self.coder.units) - 1)
        self.show_unit()

    def show_unit(self) -> None:
        coder = self.coder
        unit_id = coder.units[coder.position]
        code = coder._codes[unit_id]
        self._loading = True
        try:
            self.heading.value = f"<b>{html.escape(unit_id)}</b> ({coder.position + 1} of {len(coder.units)})"
            self.text.value = f"<p style='font-size:1.1em;line-height:1.5'>{html.escape(coder.doc.unit(unit_id).text)}</p>"
            self.primary.value = code.primary
            self.secondary.value = code.secondary
            self.note.value = code.note
        finally:
            self._loading = False
        self.previous.disabled = coder.position == 0
        self.next.disabled = coder.position == len(coder.units) - 1
        self.progress.value = f"{coder.n_coded} of {len(coder.units)} coded"

    def _record(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        unit_id = self.coder.units[self.coder.position]
        self.coder.code(unit_id, self.primary.value, self.secondary.value, self.note.value)
