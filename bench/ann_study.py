"""ANN index study on e5-like vectors (dim 384, unit norm, inner product): which FAISS index, which parameters.

Uniform random vectors (bench/ann.py) are the worst case of every ANN index and say little about text
embeddings, so this study samples corpora from Gaussians fitted to 609 real e5 passage vectors (the seed and
XQuAD-vi articles, `<title>. <sentence>`, encoded by the product's int8 encoder), L2-normalised:

  gauss : one Gaussian, mean + Ledoit-Wolf shrunk covariance (no cluster structure: pessimistic)
  hier  : two levels ("articles"): article centres ~ N(mu, S_between), sentences = centre + N(0, S_within),
          ~5 sentences per article like the real data; its nearest-neighbour cosines match the real ones

Queries: 200 real XQuAD-vi questions (query side) and 200 fresh samples from the corpus distribution.
For each index: build seconds (2 threads), bytes/vector, p50/p95 wall and p50 CPU ms per query for top-100
(1 thread), raw recall@10 and recall@10 after exact re-scoring of the top 100 (what the Searcher does).

    python -m bench.ann_study                                   # full plan: ~50 min on 2 cores
    python -m bench.ann_study --sizes 100000 --dists gauss      # ~5 min
    python -m bench.ann_study --only 'HNSW32_SQ8' --sizes 1000000

Results: <work>/results.json (appended per run) and a markdown table on stdout and in <work>/results.md.
The recorded run is summarised in docs/SCALING.md.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DIM = 384
CANDIDATES = 100
K = 10
BUILD_THREADS = 2
MAX_BUILD_S = 15 * 60  # projected build time above which an index is skipped

# --------------------------------------------------------------------------------------------------- data


def load_real(work: Path) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Real e5 vectors, encoded once by the product's int8 encoder and cached in `work`: the 609 passages of
    the seed and XQuAD-vi articles (`<title>. <sentence>`) and 200 XQuAD-vi questions (every third)."""
    cache = work / "real_vectors.npz"
    if cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            return z["passages"], [str(t) for t in z["texts"]], z["questions"]
    from bench.corpus import load_sources, xquad_dir
    from bench.encoding import passages_of
    from embeddings.registry import DEFAULT_MODEL, load_encoder
    from retrieval.config import Settings

    enc = load_encoder(DEFAULT_MODEL, Settings.from_env().cache_dir, backend="onnx-int8")
    texts = passages_of(load_sources())
    rows = [json.loads(line) for line in (xquad_dir() / "questions_vi.jsonl").open(encoding="utf-8")]
    questions = enc.encode_queries([r["question"] for r in rows[::3][:200]])
    passages = enc.encode_passages(texts)
    work.mkdir(parents=True, exist_ok=True)
    np.savez(cache, passages=passages, texts=np.array(texts), questions=questions)
    return passages, texts, questions


def _psd_sqrt(cov: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh(cov)
    w = np.clip(w, 0, None)
    return (v * np.sqrt(w)).astype(np.float32)  # A with A A^T = cov


class Generator:
    """Sample unit vectors from a Gaussian model fitted to the real vectors."""

    def __init__(self, real: np.ndarray, texts: list[str], kind: str, seed: int) -> None:
        from sklearn.covariance import LedoitWolf

        self.kind = kind
        self.mu = real.mean(0).astype(np.float32)
        lw = LedoitWolf().fit(real)
        self.shrinkage = float(lw.shrinkage_)
        total = lw.covariance_
        if kind == "gauss":
            self.a_total = _psd_sqrt(total)
        elif kind == "hier":
            groups: dict[str, list[int]] = {}
            for i, t in enumerate(texts):
                groups.setdefault(t.split(". ")[0], []).append(i)
            resid = np.vstack([real[ix] - real[ix].mean(0) for ix in groups.values() if len(ix) > 1])
            within = LedoitWolf().fit(resid).covariance_
            between = total - within
            self.a_between, self.a_within = _psd_sqrt(between), _psd_sqrt(within)
            self.per_article = len(real) / len(groups)
            self.centres: np.ndarray | None = None
        else:
            raise ValueError(kind)
        self.rng = np.random.default_rng(seed)

    def corpus(self, n: int, chunk: int = 100_000) -> np.ndarray:
        out = np.empty((n, DIM), dtype=np.float32)
        if self.kind == "hier":
            n_art = max(1, round(n / self.per_article))
            z = self.rng.standard_normal((n_art, DIM), dtype=np.float32)
            self.centres = self.mu + z @ self.a_between.T
            self.art_of = self.rng.integers(0, n_art, size=n)
        for s in range(0, n, chunk):
            m = min(chunk, n - s)
            z = self.rng.standard_normal((m, DIM), dtype=np.float32)
            if self.kind == "gauss":
                x = self.mu + z @ self.a_total.T
            else:
                x = self.centres[self.art_of[s:s + m]] + z @ self.a_within.T
            out[s:s + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
        return out

    def queries(self, n: int) -> np.ndarray:
        """Fresh samples: for `hier`, new sentences of existing articles (call after corpus())."""
        z = self.rng.standard_normal((n, DIM), dtype=np.float32)
        if self.kind == "gauss":
            x = self.mu + z @ self.a_total.T
        else:
            arts = self.rng.integers(0, len(self.centres), size=n)
            x = self.centres[arts] + z @ self.a_within.T
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _pair_stats(x: np.ndarray) -> dict:
    s = x @ x.T
    iu = np.triu_indices(len(x), 1)
    v = s[iu]
    np.fill_diagonal(s, -2)
    nn1 = s.max(1)
    return {"pair_cos_mean": float(v.mean()), "pair_cos_std": float(v.std()),
            "pair_cos_p01": float(np.percentile(v, 1)), "pair_cos_p99": float(np.percentile(v, 99)),
            "nn1_cos_median": float(np.median(nn1))}


def distribution_check(real: np.ndarray, texts: list[str], questions: np.ndarray) -> dict:
    """Real 609 vs 609 synthetic of each kind (same n, so nearest-neighbour cosines are comparable)."""
    out = {"real": _pair_stats(real)}
    qr = questions @ real.T
    out["real"].update({"q_cos_mean": float(qr.mean()), "q_cos_std": float(qr.std()),
                        "q_top1_median": float(np.median(qr.max(1)))})
    for kind in ("gauss", "hier"):
        g = Generator(real, texts, kind, seed=123)
        x = g.corpus(len(real))
        st = _pair_stats(x)
        qs = questions @ x.T
        st.update({"q_cos_mean": float(qs.mean()), "q_cos_std": float(qs.std()),
                   "q_top1_median": float(np.median(qs.max(1))), "ledoit_wolf_shrinkage": g.shrinkage})
        out[kind] = st
    return out


# --------------------------------------------------------------------------------------------------- indexes


def exact_topk(base: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    import faiss

    faiss.omp_set_num_threads(BUILD_THREADS)
    idx = faiss.IndexFlatIP(DIM)
    idx.add(base)
    _, ids = idx.search(queries, k)
    return ids


def index_bytes(index) -> int:
    import faiss

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "i.faiss"
        faiss.write_index(index, str(p))
        return os.path.getsize(p)


def ivf_lists(n: int) -> int:  # as retrieval.vectors.ivf_lists: ~4*sqrt(n), power of two
    return max(64, 2 ** round(math.log2(4 * math.sqrt(max(n, 1)))))


def build(spec: dict, base: np.ndarray, log) -> tuple[object | None, float, str]:
    """Return (index, build seconds, note). Adds in chunks and gives up if the projected time > MAX_BUILD_S."""
    import faiss

    faiss.omp_set_num_threads(BUILD_THREADS)
    n = len(base)
    t0 = time.perf_counter()
    kind = spec["kind"]
    if kind == "flat":
        index = faiss.IndexFlatIP(DIM)
    elif kind == "hnsw":
        index = faiss.index_factory(DIM, f"HNSW{spec['M']}" + (f"_{spec['codec']}" if spec.get("codec") else ""),
                                    faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = spec["efC"]
        if spec.get("codec"):
            index.train(base[:min(n, 100_000)])
    elif kind == "ivf":
        nlist = spec.get("nlist") or ivf_lists(n)
        spec["nlist"] = nlist
        index = faiss.index_factory(DIM, f"IVF{nlist}{spec.get('coarse', '')},{spec.get('codec', 'Flat')}",
                                    faiss.METRIC_INNER_PRODUCT)
        ntrain = min(n, max(40 * nlist, 100_000))
        rng = np.random.default_rng(1)
        sample = base if ntrain == n else base[np.sort(rng.choice(n, ntrain, replace=False))]
        index.train(sample)
    else:
        raise ValueError(kind)
    t_train = time.perf_counter() - t0
    chunk = 50_000 if n > 200_000 else n
    for s in range(0, n, chunk):
        index.add(base[s:s + chunk])
        done = s + min(chunk, n - s)
        el = time.perf_counter() - t0
        if kind == "hnsw" and done < n:
            # HNSW insertion cost grows ~log(n): project linearly from the added part, times a small margin
            proj = t_train + (el - t_train) * (n / done) * (math.log(n) / math.log(done))
            if done == chunk or done % 200_000 == 0:
                log(f"    added {done}/{n} in {el:.0f}s, projected {proj:.0f}s")
            if proj > MAX_BUILD_S and done >= 2 * chunk:
                return None, el, f"skipped: projected build {proj / 60:.0f} min > {MAX_BUILD_S / 60:.0f} min"
    return index, time.perf_counter() - t0, ""


def set_param(index, kind: str, value: int | None) -> None:
    import faiss

    if kind == "hnsw":
        index.hnsw.efSearch = value
    elif kind == "ivf":
        faiss.extract_index_ivf(index).nprobe = value


def recall(found: np.ndarray, truth: np.ndarray, k: int = K) -> float:
    return float(np.mean([len(set(f[:k].tolist()) & set(t[:k].tolist())) / k for f, t in zip(found, truth)]))


def measure(index, spec: dict, value, base, qsets: dict, truths: dict) -> dict:
    import faiss

    faiss.omp_set_num_threads(1)
    set_param(index, spec["kind"], value)
    allq = np.vstack(list(qsets.values()))
    index.search(allq[:10], CANDIDATES)  # warm
    wall, cpu, found = [], [], []
    for q in allq:
        q = q[None, :]
        c0, t0 = time.process_time(), time.perf_counter()
        _, ids = index.search(q, CANDIDATES)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        found.append(ids[0])
    found = np.stack(found)
    res = {"p50_ms": float(np.percentile(wall, 50) * 1e3), "p95_ms": float(np.percentile(wall, 95) * 1e3),
           "cpu_p50_ms": float(np.percentile(cpu, 50) * 1e3), "cpu_p95_ms": float(np.percentile(cpu, 95) * 1e3)}
    off = 0
    for name, qs in qsets.items():
        f = found[off:off + len(qs)]
        off += len(qs)
        rer = []
        for q, ids in zip(qs, f):
            ids = ids[ids >= 0]
            rer.append(ids[np.argsort(-(base[ids] @ q), kind="stable")][:K])
        res[f"recall_{name}"] = recall(f, truths[name])
        res[f"rerank_{name}"] = recall(rer, truths[name])
    return res


def label(spec: dict) -> str:
    k = spec["kind"]
    if k == "flat":
        return "Flat"
    if k == "hnsw":
        return f"HNSW{spec['M']}{'_' + spec['codec'] if spec.get('codec') else ''},efC={spec['efC']}"
    return f"IVF{spec.get('nlist', '?')}{spec.get('coarse', '')},{spec.get('codec', 'Flat')}"


PARAM_NAME = {"hnsw": "efSearch", "ivf": "nprobe", "flat": ""}


def plan(n: int, dist: str) -> list[tuple[dict, list]]:
    efs = [64, 128, 256, 512]
    probes = [8, 16, 32, 64, 128]
    if n <= 200_000:
        specs = [({"kind": "flat"}, [None])]
        hnsw = [(16, 80), (32, 80), (32, 200), (48, 200)] if dist == "gauss" else [(16, 80), (32, 80)]
        specs += [({"kind": "hnsw", "M": m, "efC": c}, efs) for m, c in hnsw]
        specs += [({"kind": "ivf"}, probes)]
        if dist == "gauss":
            specs += [({"kind": "hnsw", "M": 32, "efC": 80, "codec": "SQ8"}, efs),
                      ({"kind": "ivf", "codec": "PQ48"}, [16, 64, 128])]
        return specs
    # 1M: the 100k runs showed HNSW16 and IVF well behind HNSW32, and efC=200 builds too slow for 1M on 2 cores
    efs = [128, 256, 512, 1024, 2048]
    probes = [32, 64, 128, 256, 512]
    # (HNSW32_SQ8,efC=160 was projected at ~15 min on the loaded machine and dropped; the HNSW32 float graph
    # (13 min build) is measured on `gauss` only, to keep the whole run within ~1 hour.)
    specs = [({"kind": "flat"}, [None])]
    if dist == "gauss":
        specs += [({"kind": "hnsw", "M": 32, "efC": 80}, efs[:-1])]
    specs += [({"kind": "hnsw", "M": 32, "efC": 80, "codec": "SQ8"}, efs),
              ({"kind": "ivf"}, probes)]
    return specs


# --------------------------------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--dists", nargs="+", default=["gauss", "hier"])
    ap.add_argument("--only", default="", help="|-separated substrings of index labels to run (e.g. 'HNSW32_SQ8|IVF'); Flat always runs")
    ap.add_argument("--work", default="build/ann_study", help="cache of real vectors, results.json/.md")
    args = ap.parse_args()

    import faiss

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    work = Path(args.work)
    real, texts, questions = load_real(work)
    out_path = work / "results.json"
    data = json.loads(out_path.read_text()) if out_path.exists() else {"rows": []}
    data["distribution"] = distribution_check(real, texts, questions)
    data["env"] = {"faiss": faiss.__version__, "cpus": os.cpu_count(), "load_avg_start": os.getloadavg()}
    log(json.dumps(data["distribution"], indent=1))
    out_path.write_text(json.dumps(data, indent=1))

    for dist in args.dists:
        for n in args.sizes:
            gen = Generator(real, texts, dist, seed=n)
            t0 = time.perf_counter()
            base = gen.corpus(n)
            qsets = {"real": questions, "syn": gen.queries(len(questions))}
            truths = {k: exact_topk(base, q, K) for k, q in qsets.items()}
            tq = questions @ base.T
            top10 = -np.sort(-tq, axis=1)[:, :10]
            log(f"== {dist} n={n}: data+truth {time.perf_counter() - t0:.0f}s; real-question top1 cos median "
                f"{np.median(top10[:, 0]):.3f}, 10th {np.median(top10[:, 9]):.3f}; load {os.getloadavg()[0]:.1f}")
            del tq
            for spec, values in plan(n, dist):
                spec = dict(spec)
                if args.only and not any(o in label(spec) for o in args.only.split("|")) and spec["kind"] != "flat":
                    continue
                log(f"  building {label(spec)} ...")
                index, secs, note = build(spec, base, log)
                lab = label(spec)
                if index is None:
                    log(f"  {lab}: {note}")
                    data["rows"].append({"dist": dist, "n": n, "index": lab, "param": None, "build_s": secs,
                                         "note": note})
                    out_path.write_text(json.dumps(data, indent=1))
                    continue
                nbytes = index_bytes(index) / n
                log(f"  {lab}: built in {secs:.0f}s, {nbytes:.0f} B/vector, load {os.getloadavg()[0]:.1f}")
                for v in values:
                    r = measure(index, spec, v, base, qsets, truths)
                    row = {"dist": dist, "n": n, "index": lab, "param": (f"{PARAM_NAME[spec['kind']]}={v}"
                                                                         if v is not None else ""),
                           "build_s": secs, "bytes_per_vector": nbytes, **r, "load1": os.getloadavg()[0]}
                    data["rows"].append(row)
                    log(f"    {row['param']:14s} p50 {r['p50_ms']:.2f} ms cpu {r['cpu_p50_ms']:.2f}  "
                        f"recall real {r['recall_real']:.3f}/{r['rerank_real']:.3f} "
                        f"syn {r['recall_syn']:.3f}/{r['rerank_syn']:.3f}")
                    out_path.write_text(json.dumps(data, indent=1))
                del index
            del base
    md = render(data)
    (work / "results.md").write_text(md)
    print(md)


def render(data: dict) -> str:
    d = data["distribution"]
    lines = ["### Distribution check (609 real e5 passage vectors vs 609 synthetic; questions = 200 real XQuAD-vi)",
             "", "| set | pair cos mean | pair cos std | p01 | p99 | NN1 cos median | q·x mean | q·x std | q top1 median |",
             "|---|---|---|---|---|---|---|---|---|"]
    for k in ("real", "gauss", "hier"):
        s = d[k]
        lines.append(f"| {k} | {s['pair_cos_mean']:.3f} | {s['pair_cos_std']:.3f} | {s['pair_cos_p01']:.3f} | "
                     f"{s['pair_cos_p99']:.3f} | {s['nn1_cos_median']:.3f} | {s['q_cos_mean']:.3f} | "
                     f"{s['q_cos_std']:.3f} | {s['q_top1_median']:.3f} |")
    seen = {}
    for r in data["rows"]:  # last measurement wins
        seen[(r["dist"], r["n"], r["index"], r["param"])] = r
    for dist in ("gauss", "hier"):
        rows = [r for (dd, *_), r in seen.items() if dd == dist]
        if not rows:
            continue
        lines += ["", f"### Corpus `{dist}` (recall: raw ANN@10 / after exact re-scoring of top-100; "
                      "real = XQuAD-vi questions, syn = sampled queries)", "",
                  "| n | index | search | build s | B/vec | p50 ms | p95 ms | CPU p50 ms | raw real | rescored real "
                  "| raw syn | rescored syn |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in sorted(rows, key=lambda r: (r["n"], r["index"])):
            if "note" in r:
                lines.append(f"| {r['n']:,} | {r['index']} | — | >{r['build_s']:.0f} | | | | | {r['note']} | | | |")
                continue
            lines.append(f"| {r['n']:,} | {r['index']} | {r['param']} | {r['build_s']:.0f} | "
                         f"{r['bytes_per_vector']:.0f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
                         f"{r['cpu_p50_ms']:.2f} | {r['recall_real']:.3f} | {r['rerank_real']:.3f} | "
                         f"{r['recall_syn']:.3f} | {r['rerank_syn']:.3f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
