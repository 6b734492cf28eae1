"""The manifests' texts in other languages: one file per language under models/pipeline/translations/
(`zh-CN.json`), which a translator edits, merged into each manifest's `translations` as it is written.

A language file groups texts by data set. Each group lists the models made from the data set and
maps every English text of their manifests (title, description, positive class, decision, risk
bands, history steps and series, and each feature's label, description, unit, reason templates
and category labels) to its translation; models of one data set share their texts. The English
text itself is the key, so a text whose English changes has no translation until a translator
gives one: the pipeline stops, naming the text, rather than ship a stale or missing translation.
A translation keeps its English text's placeholders (`{category}`, `{value}`, `{typical}`).
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ["zh-CN"]


class TranslationError(Exception):
    pass


@dataclass(frozen=True)
class DataSet:
    """One group of a language file: the models made from a data set and their texts."""

    name: str
    models: list[str]
    texts: dict[str, str]


def language_file(tag: str) -> Path:
    return FOLDER / f"{tag}.json"


def reject_duplicates(pairs: list[tuple[str, object]]) -> dict:
    # json.loads keeps the last of two equal keys without a word; a translator would never know
    # which of their two texts ships.
    keys = [k for k, _ in pairs]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"the same key more than once: {twice}")
    return dict(pairs)


def load(tag: str) -> list[DataSet]:
    path = language_file(tag)
    try:
        content = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=reject_duplicates)
    except (OSError, ValueError) as e:
        raise TranslationError(f"{path}: {e}") from e
    try:
        data_sets = [DataSet(name, list(group["models"]), dict(group["texts"]))
                     for name, group in content["data_sets"].items()]
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise TranslationError(f"{path}: expected {{\"data_sets\": {{name: {{\"models\": [id, ...], "
                               f"\"texts\": {{English: text}}}}}}}} ({type(e).__name__}: {e})") from e
    listed = [m for d in data_sets for m in d.models]
    twice = sorted({m for m in listed if listed.count(m) > 1})
    if twice:
        raise TranslationError(f"{path}: models listed by more than one data set: {twice}")
    return data_sets


def placeholders(text: str) -> list[str] | None:
    """The names between braces, sorted; None if the braces do not pair up."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def evaluation_source(manifest: dict, model_dir: Path) -> str | None:
    """What the reference sample's scored rows are (reference.json's `evaluation.source`, shown
    with the cut-off costs), for a manifest that has a reference sample."""
    explain = manifest.get("explain")
    if not explain:
        return None
    reference = json.loads((model_dir / explain["reference"]).read_text(encoding="utf-8"))
    return reference["evaluation"]["source"]


def localize(manifest: dict, tr: Callable[[str, str], str], evaluation: str | None = None) -> dict:
    """A manifest's `translations` entry for one language; `tr(where, english)` translates one
    text; `evaluation` is its reference sample's `evaluation.source`, if it has one."""
    decision, model = manifest["decision"], manifest["model"]
    out = {
        "title": tr("title", manifest["title"]),
        "description": tr("description", manifest["description"]),
        "positive_class": tr("model.positive_class", model["positive_class"]),
        "decision": {k: tr(f"decision.{k}", decision[k]) for k in ("at_or_above", "below", "rule")},
        "risk_bands": {b["name"]: tr(f"risk_bands[{b['name']}].label", b["label"])
                       for b in manifest["risk_bands"]},
    }
    if "sequence" in manifest:
        out["steps"] = [tr(f"sequence.steps[{i}]", step)
                        for i, step in enumerate(manifest["sequence"]["steps"])]
        out["series"] = [tr(f"sequence.series[{i}].label", series["label"])
                         for i, series in enumerate(manifest["sequence"]["series"])]
    out["features"] = {f["name"]: localize_feature(f, tr) for f in manifest["features"]}
    if evaluation is not None:
        out["evaluation_source"] = tr("reference.json evaluation.source", evaluation)
    return out


def localize_feature(feature: dict, tr: Callable[[str, str], str]) -> dict:
    where = f"features[{feature['name']}]"
    out = {"label": tr(f"{where}.label", feature["label"]),
           "description": tr(f"{where}.description", feature["description"])}
    if "unit" in feature:
        out["unit"] = tr(f"{where}.unit", feature["unit"])
    reason = feature.get("reason")
    if isinstance(reason, str):
        out["reason"] = tr(f"{where}.reason", reason)
    elif reason is not None:
        out["reason"] = {k: tr(f"{where}.reason.{k}", text) for k, text in reason.items()}
    if "categories" in feature:
        out["categories"] = {c["value"]: tr(f"{where}.categories[{c['value']}].label", c["label"])
                             for c in feature["categories"]}
    return out


class Lookup:
    """Translates one manifest's texts from its data set's group, noting what is missing or wrong
    and which texts it used."""

    def __init__(self, tag: str, texts: dict[str, str]):
        self.tag, self.texts = tag, texts
        self.problems: list[str] = []
        self.used: set[str] = set()

    def __call__(self, where: str, english: str) -> str:
        text = self.texts.get(english)
        if not isinstance(text, str) or not text.strip():
            self.problems.append(f"{where}: no {self.tag} text for {english!r}")
            return ""
        self.used.add(english)
        if placeholders(text) != placeholders(english):
            self.problems.append(f"{where}: the {self.tag} text {text!r} has placeholders "
                                 f"{placeholders(text)}, its English {english!r} has "
                                 f"{placeholders(english)}")
        return text


def translate(manifest: dict, tag: str, data_sets: list[DataSet],
              evaluation: str | None = None) -> tuple[dict, Lookup]:
    """One language's `translations` entry for a manifest, and the Lookup that made it."""
    group = next((d for d in data_sets if manifest["id"] in d.models), None)
    lookup = Lookup(tag, group.texts if group else {})
    result = localize(manifest, lookup, evaluation)
    if group is None:
        lookup.problems = [f"no data set of {language_file(tag)} lists the model; add "
                           f"{manifest['id']!r} to the `models` of its data set"]
    return result, lookup


def attach(manifest: dict, model_dir: Path) -> dict:
    """The manifest (of the model written to `model_dir`, its reference sample already there) with
    `translations` (last) in every language; raises TranslationError naming every English text
    that has no translation or whose translation changes its placeholders."""
    english = {k: v for k, v in manifest.items() if k != "translations"}
    evaluation = evaluation_source(english, model_dir)
    translated, problems = {}, []
    for tag in LANGUAGES:
        translated[tag], lookup = translate(english, tag, load(tag), evaluation)
        problems += lookup.problems
    if problems:
        raise TranslationError(f"{manifest['id']}: {len(problems)} text(s) to translate or fix in "
                               f"{FOLDER}/:\n  " + "\n  ".join(problems))
    return {**english, "translations": translated}


def sample_note(model_dir: Path) -> str | None:
    """What the bundled sample's rows are (the catalog's `sample.note`), if the model has one."""
    path = model_dir / "sample.expected.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["note"]


def catalog_entry(manifest: dict, model_dir: Path) -> dict:
    """The catalog entry's texts in each language: the manifest's translated title, and the
    bundled sample's note translated from the model's data set."""
    note = sample_note(model_dir)
    out = {}
    for tag, texts in manifest["translations"].items():
        entry = {"title": texts["title"]}
        if note is not None:
            group = next((d for d in load(tag) if manifest["id"] in d.models), None)
            lookup = Lookup(tag, group.texts if group else {})
            entry["sample_note"] = lookup("catalog sample.note", note)
            if lookup.problems:
                raise TranslationError(f"{manifest['id']}: " + "; ".join(lookup.problems))
        out[tag] = entry
    return out


def unused(manifests: list[dict], model_dirs: list[Path]) -> list[str]:
    """What the language files hold that none of `manifests` (every model the pipeline makes,
    written to `model_dirs`) uses: models the pipeline does not make, and texts whose English
    has gone."""
    made = {m["id"]: m for m in manifests}
    evaluations = {m["id"]: evaluation_source(m, d) for m, d in zip(manifests, model_dirs)}
    notes = {m["id"]: sample_note(d) for m, d in zip(manifests, model_dirs)}
    found = []
    for tag in LANGUAGES:
        for group in load(tag):
            used: set[str] = set()
            for model_id in group.models:
                if model_id not in made:
                    found.append(f"{language_file(tag)}: data set {group.name!r} lists "
                                 f"{model_id!r}, which the pipeline does not make")
                else:
                    used |= translate(made[model_id], tag, [group], evaluations[model_id])[1].used
                    if notes[model_id] is not None:
                        used.add(notes[model_id])
            found += [f"{language_file(tag)}: data set {group.name!r}: no manifest has the "
                      f"English text {english!r}" for english in group.texts if english not in used]
    return found
