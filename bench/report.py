"""The benchmark's report: one Markdown table per backend, and the targets it missed."""

from __future__ import annotations

from typing import Any

TARGETS = {
    "profile_p95_ms": 50,
    "role_p95_ms": 50,
    "profile_share_of_control": 0.35,
    "role_share_of_control": 0.5,
    "autosave_p95_ms": 100,
    # Server CPU per request, as a share of the control's: a step of the assessment form
    # and an autosave (the first-assessment issue's budgets).
    "form_cpu_share_of_control": 0.15,
    "autosave_cpu_share_of_control": 0.25,
    "team50_p95_ms": 100,
    "team5000_p95_ms": 500,
    "first_visit_kb": 100,
    "partial_kb": 10,
}


def report(
    backend: str, measured: dict[str, Any], queries: dict[str, int], plan: dict[str, Any]
) -> list[str]:
    """The backend's table of endpoints, its transfer sizes and the size of its data."""
    phases = measured["phases"]
    control = phases["control"].rps
    data = plan["dataset"]
    lines = [
        f"### {backend}",
        "",
        f"Data: {data['people']:,} people, {data['submitted']:,} submitted assessments, "
        f"{data['drafts']:,} drafts, {data['ratings']:,} ratings.",
        "",
        "| endpoint | req/s | share of control | p50 ms | p95 ms | errors | queries "
        "| server CPU ms/req | CPU share of control | client CPU | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, phase in phases.items():
        share = phase.rps / control if control else float("nan")
        lines.append(
            f"| {name} | {phase.rps:.0f} | {share:.0%} | {phase.percentile(0.5):.1f} | "
            f"{phase.percentile(0.95):.1f} | {phase.errors} | {queries.get(name, '')} | "
            f"{phase.cpu_ms:.2f} | {phases['control'].cpu_ms / phase.cpu_ms:.0%} | "
            f"{phase.client_cpu:.0%} | {phase.load[0]:.1f}→{phase.load[1]:.1f} |"
        )
    sizes = measured["sizes"]
    lines += ["", "| transfer | HTML | CSS | JS | total |", "|---|---:|---:|---:|---:|"]
    for key, value in sizes.items():
        if key.startswith("first_visit"):
            lines.append(
                f"| {key} (HTML {value['html_encoding']}, assets {'/'.join(value['encodings'])}) | "
                f"{value['html'] / 1024:.1f} KB | {value['css'] / 1024:.1f} KB | "
                f"{value['js'] / 1024:.1f} KB | {value['total'] / 1024:.1f} KB |"
            )
    lines += [
        "",
        f"Role salary partial (htmx): {sizes['role_salary_partial'] / 1024:.1f} KB; "
        f"autosave response (htmx): {sizes['autosave_response'] / 1024:.1f} KB.",
        f"Team dashboards: {plan['teams']['team50']['members']} and "
        f"{plan['teams']['team5000']['members']} members.",
        "",
    ]
    return lines


def check_targets(measured: dict[str, Any]) -> list[str]:
    """What the run missed of TARGETS, one sentence each."""
    phases = measured["phases"]
    control = phases["control"].rps
    missed: list[str] = []

    def need(ok: bool, text: str) -> None:
        if not ok:
            missed.append(text)

    for name in ("profile", "role"):
        p95 = phases[name].percentile(0.95)
        need(p95 <= TARGETS[f"{name}_p95_ms"], f"{name} p95 {p95:.0f} ms > 50 ms")
        share = phases[name].rps / control
        need(share >= TARGETS[f"{name}_share_of_control"], f"{name} at {share:.0%} of the control")
    for name, key in (
        ("autosave", "autosave_p95_ms"),
        ("team50", "team50_p95_ms"),
        ("team5000", "team5000_p95_ms"),
    ):
        p95 = phases[name].percentile(0.95)
        need(p95 <= TARGETS[key], f"{name} p95 {p95:.0f} ms > {TARGETS[key]} ms")
    for name in ("form", "autosave"):
        share = phases["control"].cpu_ms / phases[name].cpu_ms
        need(
            share >= TARGETS[f"{name}_cpu_share_of_control"],
            f"{name} CPU at {share:.0%} of the control's",
        )
    for name, phase in phases.items():
        need(phase.errors == 0, f"{name}: {phase.errors} errors")
    sizes = measured["sizes"]
    first = min(v["total"] for k, v in sizes.items() if k.startswith("first_visit_role"))
    need(first <= TARGETS["first_visit_kb"] * 1024, f"first visit {first / 1024:.0f} KB")
    for key in ("role_salary_partial", "autosave_response"):
        need(sizes[key] <= TARGETS["partial_kb"] * 1024, f"{key} {sizes[key] / 1024:.1f} KB")
    return missed
