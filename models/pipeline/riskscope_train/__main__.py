"""Command line: `python -m riskscope_train [--check | --translations-only] [--german-csv PATH] [--out DIR]`."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from . import (artefacts, data, fraud_anomaly, fraud_models, german_models, metrics, numerics,
               policy, reference, reproduction, sample, taiwan_models, translations)

MODELS_DIR = Path(__file__).resolve().parents[2]


def every_model_id() -> list[str]:
    """Every model the pipeline makes, in the catalog's order."""
    return ([r.model_id for r in german_models.RECIPES] + [r.model_id for r in taiwan_models.RECIPES]
            + [taiwan_models.TREES.model_id] + [r.model_id for r in fraud_models.RECIPES] + [fraud_anomaly.MODEL_ID])


def train_all(out_root: Path, german_csv: Path | None, fraud_csv: Path | None,
              taiwan_csv: Path | None, evaluate: bool = True,
              only: set[str] | None = None) -> list[str]:
    """Trains every model (or those in `only`; the others' folders must already be in
    `out_root`, since cards compare a data set's models) and returns every model id."""
    def wanted(model_id: str) -> bool:
        if only is None or model_id in only:
            print(f"training {model_id}", file=sys.stderr)
            return True
        return False

    csv_path = data.obtain(data.GERMAN_CREDIT, german_csv)
    german = [r for r in german_models.RECIPES if wanted(r.model_id)]
    for recipe in german:
        german_models.train(recipe, out_root / recipe.model_id, csv_path, evaluate)
    if evaluate and german:
        german_models.write_cards(out_root)
    fraud_path = data.obtain(data.ULB_FRAUD, fraud_csv)
    fraud = [r for r in fraud_models.RECIPES if wanted(r.model_id)]
    for recipe in fraud:
        fraud_models.train(recipe, out_root / recipe.model_id, fraud_path, evaluate)
    if evaluate and fraud:
        fraud_models.write_cards(out_root, fraud_path)
    if wanted(fraud_anomaly.MODEL_ID):
        fraud_anomaly.train(out_root / fraud_anomaly.MODEL_ID, fraud_path, evaluate)
    taiwan_ids = [r.model_id for r in taiwan_models.RECIPES] + [taiwan_models.TREES.model_id]
    if only is None or only & set(taiwan_ids):
        taiwan_models.train_all(out_root, data.obtain(data.TAIWAN, taiwan_csv), evaluate, only)
    return every_model_id()


def read_manifest(model_dir: Path) -> dict:
    return json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))


def retranslate(out_root: Path, ids: list[str]) -> None:
    """Rewrites the written manifests' `translations` from the language files, as training would."""
    for model_id in ids:
        artefacts.write_json(out_root / model_id / "manifest.json",
                             translations.attach(read_manifest(out_root / model_id), out_root / model_id))


def write_catalog(out_root: Path, model_ids: list[str]) -> None:
    """models/catalog.json: every model the app offers, with its files' paths, hashes and
    translated titles. Stops if a language file holds texts that no manifest uses."""
    manifests = [read_manifest(out_root / model_id) for model_id in model_ids]
    unused = translations.unused(manifests, [out_root / model_id for model_id in model_ids])
    if unused:
        raise translations.TranslationError("delete or update these translations:\n  " + "\n  ".join(unused))
    entries = []
    for model_id, manifest in zip(model_ids, manifests):
        held_out = json.loads((out_root / model_id / "metrics.json").read_text(encoding="utf-8"))["held_out"]
        entries.append({
            "id": model_id,
            "title": manifest["title"],
            "task": manifest["task"],
            "manifest": f"{model_id}/manifest.json",
            "onnx": f"{model_id}/{manifest['model']['file']}",
            "sha256": manifest["model"]["sha256"],
            "card": f"{model_id}/card.md",
            "output": manifest["model"]["output"].get("kind", "probability"),
            "metrics": {k: round(v["mean"], 4) for k, v in held_out.items()},
            **metrics.catalog_intervals(held_out),
            "sample": sample.catalog_entry(out_root / model_id, model_id),
            "translations": translations.catalog_entry(manifest, out_root / model_id),
        })
    artefacts.write_json(out_root / "catalog.json", {"models": entries})


def check(model_ids: list[str], fresh_root: Path, promised: bool) -> dict[str, str]:
    """Compares a fresh run with the committed artefacts, model by model (reproduction.py), and
    returns each model's outcome: "identical", "within tolerance" or "DIFFERS"."""
    catalog = json.loads((MODELS_DIR / "catalog.json").read_text(encoding="utf-8"))
    listed = {m["id"]: m.get("sample") for m in catalog["models"]}
    outcomes = {}
    for model_id in model_ids:
        committed, fresh = MODELS_DIR / model_id, fresh_root / model_id
        print(f"{model_id}:")
        verdicts = [reproduction.golden(committed, fresh)]
        line, exact, invariant = reference.compare(committed, fresh, reproduction.EXACT)
        verdicts.append(reproduction.Verdict(line, exact, invariant))
        line, exact, invariant = sample.compare(committed, fresh, reproduction.EXACT)
        written = all((committed / f).exists() for f in (sample.CSV_FILE, sample.EXPECTED_FILE))
        in_catalog = written and listed.get(model_id) == sample.catalog_entry(committed, model_id)
        verdicts.append(reproduction.Verdict(
            f"{line}; catalog's sample entry (SHA-256, rows, label, groups, note) matches: "
            f"{in_catalog}", exact, invariant and in_catalog))
        verdicts.append(policies_verdict(committed, fresh))
        for v in verdicts:
            print(f"  {v.line}")
        line, caught = reproduction.perturbation_caught(committed)
        print(f"  the check's sensitivity: {line}")
        line, fails = reproduction.control_fails(committed)
        print(f"  the tolerance's sensitivity: {line}")
        caught &= fails
        outcomes[model_id] = outcome(committed, fresh, verdicts, caught, promised)
    if not check_translations(model_ids, fresh_root, catalog):
        outcomes["translations"] = "DIFFERS"
    return outcomes


def policies_verdict(committed: Path, fresh: Path) -> reproduction.Verdict:
    """The committed manifest's features (ranges, defaults, value policies, recourse rules) and
    the card's sections on them, against a fresh run's: read off the data, not the arithmetic,
    so exact everywhere."""
    fresh_manifest = read_manifest(fresh)
    same_features = read_manifest(committed)["features"] == fresh_manifest["features"]
    # --check writes no cards: the sections are written from the fresh manifest, as training does.
    recourse = policy.recourse_section(fresh_manifest)
    sections = policy.card_section(fresh_manifest) + ("\n" + recourse if recourse else "")
    same_card = (committed / "card.md").read_text(encoding="utf-8").endswith("\n\n" + sections)
    return reproduction.Verdict(
        f"manifest features (ranges, defaults, value policies, recourse rules) as a fresh run "
        f"writes them: {same_features}; the card's sections on them: {same_card}",
        same_features and same_card, same_features and same_card)


def outcome(committed: Path, fresh: Path, verdicts: list[reproduction.Verdict], caught: bool,
            promised: bool) -> str:
    """Prints and returns one model's outcome: the committed files must agree with each other
    and the check must catch a changed weight (everywhere); the rerun must be identical where
    bits are promised, and elsewhere within the model's tolerance."""
    if not all(v.invariant for v in verdicts):
        print("  => DIFFERS: the committed files do not agree with each other")
        return "DIFFERS"
    if not caught:
        print("  => DIFFERS: the check would not catch a changed weight or shuffled scores")
        return "DIFFERS"
    if all(v.exact for v in verdicts):
        print("  => ok: the rerun is identical")
        return "identical"
    if promised:
        print("  => DIFFERS: the rerun is not identical, though this machine's numeric "
              "environment is the one the models were trained in")
        return "DIFFERS"
    line, close = reproduction.within_tolerance(committed, fresh)
    print(f"  {line}")
    if not close:
        print("  => DIFFERS beyond tolerance")
        return "DIFFERS"
    print("  => reproduced within tolerance (not identical: bits are not promised on this machine)")
    return "within tolerance"


def numeric_environment() -> bool:
    """Prints this run's numeric environment against the committed models' and says whether
    a retrain's bits are promised here (the two are equal)."""
    here, trained = numerics.fingerprint(), numerics.committed()
    print(f"numeric environment: {numerics.describe(here)}")
    if trained is None:
        print(f"no record of the environment the models were trained in "
              f"({numerics.FINGERPRINT_FILE.name}): bits are not promised")
        return False
    changes = numerics.differences(trained, here)
    if not changes:
        print("the committed models were trained in this environment: a retrain must give the "
              f"same outputs to {reproduction.EXACT:g}")
        return True
    print("the committed models were trained in another environment; what differs:\n  "
          + "\n  ".join(changes))
    print("bits are not promised here: a retrain that is not identical must stay within its "
          f"seed spread (metrics.json's seed_spread): each metric within {reproduction.K_SIGMA:g} "
          "standard deviations of the seeds' values, its rank correlation with the committed "
          f"scores no lower than {reproduction.K_SIGMA:g} below the seeds' mean")
    return False


def check_translations(model_ids: list[str], fresh_root: Path, catalog: dict) -> bool:
    """The committed manifests and catalog carry the translations a fresh run writes, and the
    language files hold no text that no manifest uses."""
    ok = True
    fresh = [read_manifest(fresh_root / model_id) for model_id in model_ids]
    listed = {m["id"]: m.get("translations") for m in catalog["models"]}
    for model_id, manifest in zip(model_ids, fresh):
        committed = read_manifest(MODELS_DIR / model_id).get("translations")
        same = committed == manifest["translations"]
        in_catalog = listed.get(model_id) == translations.catalog_entry(manifest, fresh_root / model_id)
        print(f"{model_id}: translations as a fresh run writes them: {same}; "
              f"catalog's translated titles match: {in_catalog}")
        ok &= same and in_catalog
    for line in translations.unused(fresh, [fresh_root / model_id for model_id in model_ids]):
        print(f"unused translation: {line}")
        ok = False
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(prog="models/train", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="refit the shipped models in a temporary folder (no cross-validation) "
                             "and compare them with the committed ones")
    parser.add_argument("--quick", action="store_true",
                        help="with --check: skip rerunning German Credit's cross-validation "
                             "(about 8 minutes on 2 cores)")
    parser.add_argument("--translations-only", action="store_true",
                        help="no training: rewrite the translations of the written manifests and "
                             "the catalog from models/pipeline/translations/ (after editing a "
                             "language file)")
    parser.add_argument("--cards-only", action="store_true",
                        help="no training: rewrite the cards that compare a data set's models "
                             "from the written manifests, metrics and reference files (after "
                             "editing model_card.py)")
    parser.add_argument("--german-csv", type=Path, help="a local copy of germancredit.csv")
    parser.add_argument("--fraud-csv", type=Path, help="a local copy of the ULB creditcard.csv")
    parser.add_argument("--taiwan-csv", type=Path,
                        help="a local copy of taiwan_default_of_credit_card_clients.csv "
                             "(default: shared/data beside the repository)")
    parser.add_argument("--only", nargs="+", metavar="ID", choices=every_model_id(),
                        help="train only these models (the others' folders must be in --out "
                             "already); the catalog and the data sets' cards are written as a "
                             "full run writes them")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="where model folders are written")
    args = parser.parse_args()
    if args.translations_only:
        # Translations depend on a manifest's English texts only, which training fixes: the
        # result is what a full run writes.
        retranslate(args.out, every_model_id())
        write_catalog(args.out, every_model_id())
        return 0
    if args.cards_only:
        german_models.write_cards(args.out)
        fraud_models.write_cards(args.out, data.obtain(data.ULB_FRAUD, args.fraud_csv))
        taiwan_models.write_cards(args.out)
        return 0
    if args.check:
        promised = numeric_environment()
        with tempfile.TemporaryDirectory() as tmp:
            # The cross-validation is not part of a model's bytes: --check skips it.
            ids = train_all(Path(tmp), args.german_csv, args.fraud_csv, args.taiwan_csv,
                            evaluate=False)
            outcomes = check(ids, Path(tmp), promised)
        # A model shipped as trained on its training part is re-judged on its held-out part
        # from the committed ONNX file, so metrics.json cannot drift from the model.
        fraud_csv = data.obtain(data.ULB_FRAUD, args.fraud_csv)
        taiwan_csv = data.obtain(data.TAIWAN, args.taiwan_csv)
        from_onnx = "held-out metrics recomputed from model.onnx"
        # The last field says whether the figure depends on a retrain's arithmetic (the
        # cross-validation refits every fold) or only on the committed files.
        rechecks = [(r.model_id, from_onnx, lambda d: fraud_models.recheck(d, fraud_csv), False)
                    for r in fraud_models.RECIPES]
        rechecks += [(fraud_anomaly.MODEL_ID, from_onnx, lambda d: fraud_anomaly.recheck(d, fraud_csv), False)]
        rechecks += [(model_id, from_onnx, lambda d: taiwan_models.recheck(d, taiwan_csv), False)
                     for model_id in [r.model_id for r in taiwan_models.RECIPES]
                     + [taiwan_models.TREES.model_id]]
        if not args.quick:
            german_csv = data.obtain(data.GERMAN_CREDIT, args.german_csv)
            rechecks += [(r.model_id, "cross-validated metrics recomputed by a fresh run",
                          lambda d, r=r: german_models.recheck(r, d, german_csv), True)
                         for r in german_models.RECIPES]
        tolerant = []
        for model_id, how, recheck, retrained in rechecks:
            gap = recheck(MODELS_DIR / model_id)
            if gap <= reproduction.EXACT:
                verdict, good = "ok", True
            elif retrained and not promised and gap <= reproduction.CROSS_VALIDATION_TOLERANCE:
                verdict, good = (f"reproduced within tolerance {reproduction.CROSS_VALIDATION_TOLERANCE:g} (bits "
                                 "are not promised on this machine)"), True
            else:
                verdict, good = "DIFFERS", False
            print(f"{model_id}: {how}, max gap to metrics.json {gap:.2e}: {verdict}")
            if not good:
                outcomes[f"{model_id} ({how})"] = "DIFFERS"
            elif gap > reproduction.EXACT:
                tolerant.append(f"{model_id}'s cross-validation")
        failures = metrics.self_check()
        print("bootstrap intervals: resampled metrics equal scikit-learn's on the same resamples "
              "(1e-12), a perfectly separating score's AUC, AP and KS intervals are [1, 1]: "
              + ("ok" if not failures else "FAILED\n  " + "\n  ".join(failures)))
        if failures:
            outcomes["bootstrap self-check"] = "DIFFERS"
        counts = {k: sum(v == k for v in outcomes.values()) for k in ("identical", "within tolerance")}
        failed = [name for name, v in outcomes.items() if v == "DIFFERS"]
        print(f"\nmodels/train --check: {counts['identical']} models identical, "
              f"{counts['within tolerance']} reproduced within tolerance"
              + (f", {', '.join(tolerant)} within tolerance" if tolerant else "")
              + "; " + (f"FAILED: {', '.join(failed)}" if failed else "every other check exact"))
        return 1 if failed else 0
    # The environment the committed models come from (--check promises bits only in it), read
    # before training as --check reads it.
    environment = numerics.fingerprint()
    model_ids = train_all(args.out, args.german_csv, args.fraud_csv, args.taiwan_csv,
                          only=set(args.only) if args.only else None)
    write_catalog(args.out, model_ids)
    # A partial run leaves the record alone: the other models were not trained here.
    if args.out.resolve() == MODELS_DIR.resolve() and not args.only:
        artefacts.write_json(numerics.FINGERPRINT_FILE, environment)
    for model_id in model_ids:
        report = json.loads((args.out / model_id / "metrics.json").read_text(encoding="utf-8"))
        print(f"{model_id}: held out " + ", ".join(
            f"{k} {v['mean']:.4f}" + (" [{:.4f}, {:.4f}]".format(*v["ci95"]) if "ci95" in v else "")
            for k, v in report["held_out"].items()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except translations.TranslationError as e:
        sys.exit(f"models/train: {e}")
