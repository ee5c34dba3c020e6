#!/usr/bin/env python3
"""Expression-heavy Argo workflows for the benchmark (deterministic).

Every file is a DAG of HTTP tasks whose fields are dense with what issue 3
checks: successConditions in several scalar styles, `{{= }}` expression tags,
`when` conditions and task-output references.

  python3 bench/gen-expr-corpus.py --count 500 --out /tmp/argo-expr-corpus
"""
import argparse
import os
import random

CONDITIONS = [
    'response.statusCode == 200',
    'response.statusCode >= 200 && response.statusCode < 300',
    'response.body contains "ok" && response.statusCode != 500',
    'fromJSON(response.body).status == "completed" && len(fromJSON(response.body).items) > 0',
    '"application/json" in response.headers["Content-Type"] || response.statusCode == 204',
    'response.statusCode in [200, 201, 202] and not (response.body contains "error")',
    'len(response.body) > 0 ? fromJSON(response.body).ok == true : false',
]


def workflow(i, rng, tasks):
    lines = [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "metadata:",
        f"  generateName: expr-{i}-",
        "spec:",
        "  entrypoint: main",
        "  arguments:",
        "    parameters:",
        "      - name: base-url",
        "        value: https://api.example.com",
        "      - name: limit",
        '        value: "10"',
        "  templates:",
        "    - name: main",
        "      dag:",
        "        tasks:",
    ]
    for t in range(tasks):
        lines += [f"          - name: call-{t}", "            template: call"]
        if t > 0:
            lines.append(f"            depends: call-{t - 1}.Succeeded")
            lines.append(f"            when: \"{{{{tasks.call-{t - 1}.outputs.result}}}} != ''\"")
        lines += [
            "            arguments:",
            "              parameters:",
            "                - name: path",
            f"                  value: \"/items/{t}?limit={{{{=asInt(workflow.parameters.limit) * {rng.randint(1, 9)}}}}}\"",
            "                - name: previous",
            f"                  value: \"{{{{=sprig.trim(tasks['call-{t - 1}'].outputs.result)}}}}\"" if t > 0 else '                  value: "none"',
        ]
    lines += [
        "    - name: call",
        "      inputs:",
        "        parameters:",
        "          - name: path",
        "          - name: previous",
        "      http:",
        '        url: "{{workflow.parameters.base-url}}{{inputs.parameters.path}}"',
        "        method: POST",
        "        headers:",
        "          - name: Content-Type",
        "            value: application/json",
        '        body: "{{=toJson(inputs.parameters.previous)}}"',
    ]
    condition = rng.choice(CONDITIONS)
    style = rng.randrange(3)
    if style == 0:
        lines.append(f"        successCondition: '{condition}'".replace("''", "'"))
    elif style == 1:
        lines += ["        successCondition: |", f"          {condition}"]
    else:
        lines.append(f"        successCondition: {condition!r}".replace("'", '"') if '"' not in condition else f"        successCondition: >-\n          {condition}")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--tasks", type=int, default=40, help="HTTP tasks per workflow")
    p.add_argument("--seed", default="1")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random("expr-" + args.seed)
    total = 0
    for i in range(args.count):
        text = workflow(i, rng, args.tasks)
        with open(os.path.join(args.out, f"{i:04d}-expr.yaml"), "w") as f:
            f.write(text)
        total += len(text)
    print(f"wrote {args.count} files, {total} bytes to {args.out}")


if __name__ == "__main__":
    main()
