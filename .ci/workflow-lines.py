#!/usr/bin/env python3
"""Runs the `run:` steps of a GitHub Actions workflow, job by job and in order, as an
unprivileged account on this machine. Called by .ci/workflow-lines.sh, which prepares the
account and its Docker access; see there for the options.

What a hosted runner does that this does not: `uses:` steps (checkout, setup-dotnet,
setup-node, upload-artifact) are skipped and named; the machine's own dotnet, node and docker
stand in for them. `${{ ... }}` expressions are not evaluated: each is replaced by a value
named on the output (secrets by empty strings or by --secret values).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time

try:
    import yaml
except ImportError:  # the wrapper installs python3-yaml; say so if it did not
    sys.exit("workflow-lines: PyYAML is missing (Debian package python3-yaml)")

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.S)


def fail(message, code=1):
    print(f"workflow-lines: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


class Node:
    """A YAML node with the line it starts on (1-based) and a plain view of its value."""

    def __init__(self, node):
        self.node = node
        self.line = node.start_mark.line + 1

    def get(self, key):
        if not isinstance(self.node, yaml.MappingNode):
            return None
        for k, v in self.node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return Node(v)
        return None

    def items(self):
        if not isinstance(self.node, yaml.MappingNode):
            return []
        return [(k.value, Node(v)) for k, v in self.node.value]

    def seq(self):
        return [Node(n) for n in self.node.value] if isinstance(self.node, yaml.SequenceNode) else []

    def scalar(self):
        return self.node.value if isinstance(self.node, yaml.ScalarNode) else None

    def strings(self):
        """A scalar or a sequence of scalars (e.g. `needs:`), as a list of strings."""
        if isinstance(self.node, yaml.ScalarNode):
            return [self.node.value]
        return [n.scalar() for n in self.seq() if n.scalar() is not None]


def run_defaults(node):
    """`defaults: run:` of a workflow or job, as a plain dict (shell, working-directory)."""
    defaults = node.get("defaults")
    run = defaults.get("run") if defaults is not None else None
    return {} if run is None else {k: v.scalar() for k, v in run.items()}


def env_of(node):
    return {} if node is None else {k: (v.scalar() or "") for k, v in node.items()}


class Expressions:
    """Replaces ${{ ... }} with values this machine can give, and remembers what it did."""

    def __init__(self, secrets, context):
        self.secrets = secrets
        self.context = context
        self.notes = []

    def value(self, expression, env):
        m = re.fullmatch(r"secrets\.([A-Za-z_][A-Za-z0-9_]*)", expression)
        if m:
            name = m.group(1)
            if name in self.secrets:
                return self.secrets[name], f"secrets.{name} -> (given with --secret, not shown)"
            return "", f"secrets.{name} -> empty (no such secret here)"
        m = re.fullmatch(r"env\.([A-Za-z_][A-Za-z0-9_]*)", expression)
        if m:
            return env.get(m.group(1), ""), f"env.{m.group(1)} -> the step's environment"
        if expression in self.context:
            return self.context[expression], f"{expression} -> {self.context[expression]!r}"
        return "", f"{expression} -> empty (not evaluated here)"

    def substitute(self, text, env, where):
        def replace(m):
            value, note = self.value(m.group(1), env)
            self.notes.append(f"{where}: ${{{{ {m.group(1)} }}}}: {note}")
            return value
        return EXPRESSION.sub(replace, text)


def job_order(jobs):
    """Jobs in an order that respects `needs:` (file order otherwise)."""
    names = [name for name, _ in jobs]
    needs = {name: [n for n in (job.get("needs").strings() if job.get("needs") else []) if n in names] for name, job in jobs}
    ordered, done = [], set()
    while len(ordered) < len(names):
        ready = [n for n in names if n not in done and all(d in done for d in needs[n])]
        if not ready:
            fail("the jobs' needs: form a cycle: " + ", ".join(n for n in names if n not in done), 2)
        ordered.append(ready[0])
        done.add(ready[0])
    return ordered


def shell_command(shell, script_path):
    """The command GitHub's runner uses for a step's shell (Linux), with the script file."""
    if shell is None:
        return ["bash", "-e", script_path]
    if shell == "bash":
        return ["bash", "--noprofile", "--norc", "-eo", "pipefail", script_path]
    if shell == "sh":
        return ["sh", "-e", script_path]
    if "{0}" in shell:
        return [part.replace("{0}", script_path) for part in shlex.split(shell)]
    fail(f"shell '{shell}' is not supported here (bash, sh or a command with {{0}})", 2)


def read_file_env(path):
    """KEY=VALUE and KEY<<DELIMITER lines, as steps write them to $GITHUB_ENV."""
    result = {}
    if not os.path.exists(path):
        return result
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            value = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            result[key] = "\n".join(value)
        elif "=" in line:
            key, value = line.split("=", 1)
            result[key] = value
        i += 1
    return result


def copy_repository(repo, workspace, temp, uid, gid):
    """The repository's files as a checkout has them (tracked and not ignored; no build output,
    no .tools), in a folder the user owns; and an empty runner temp folder."""
    script = ('rm -rf "$2" "$3" && mkdir -p "$2" "$3" && '
              'git -C "$1" ls-files -z --cached --others --exclude-standard | '
              '(cd "$1" && tar --null --ignore-failed-read -T - -cf -) | tar -C "$2" -xf - && '
              'chown -R "$4" "$2" "$3"')
    subprocess.run(["bash", "-c", "set -o pipefail; " + script, "copy", repo, workspace, temp, f"{uid}:{gid}"], check=True)


def main():
    parser = argparse.ArgumentParser(prog="workflow-lines")
    parser.add_argument("workflow")
    parser.add_argument("--user", required=True)
    parser.add_argument("--workspace-root", required=True, help="folder (owned by the user) for each job's copy of the repository")
    parser.add_argument("--repo", required=True)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--only", action="append", default=[], help="run only steps whose name matches this regular expression")
    parser.add_argument("--command", help="run this line after the job's (selected) steps, in its environment")
    parser.add_argument("--job", action="append", default=[], help="only this job")
    parser.add_argument("--secret", action="append", default=[], help="NAME=VALUE")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE added to every step (this machine's needs)")
    parser.add_argument("--pass-env", default="", help="names of variables of the caller's environment handed on")
    args = parser.parse_args()

    try:
        with open(args.workflow, encoding="utf-8") as f:
            root = yaml.compose(f)
    except (OSError, yaml.YAMLError) as e:
        fail(f"{args.workflow}: cannot read the workflow: {e}", 2)
    if root is None:
        fail(f"{args.workflow}: empty workflow", 2)
    workflow = Node(root)
    jobs_node = workflow.get("jobs")
    if jobs_node is None or not jobs_node.items():
        fail(f"{args.workflow}: no jobs:", 2)
    jobs = jobs_node.items()
    jobs_by_name = dict(jobs)
    secrets = dict(s.split("=", 1) for s in args.secret)
    extra_env = dict(e.split("=", 1) for e in args.env)
    workflow_defaults = run_defaults(workflow)

    info = subprocess.run(["getent", "passwd", args.user], capture_output=True, text=True, check=True).stdout.split(":")
    home, uid, gid = info[5], int(info[2]), int(info[3])
    groups = os.getgrouplist(args.user, gid)
    base_env = {
        "HOME": home, "USER": args.user, "LOGNAME": args.user, "SHELL": "/bin/bash",
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"), "CI": "true",
        # The .NET SDK keeps its first-run state and NuGet its packages in the user's own home.
        "DOTNET_CLI_HOME": home, "NUGET_PACKAGES": os.path.join(home, ".nuget", "packages"),
    }
    for name in filter(None, args.pass_env.split(",")):
        if name in os.environ:
            base_env[name] = os.environ[name]

    total_started = time.monotonic()
    failures = []
    timings = []
    failed_jobs = set()
    for job_name in job_order(jobs):
        if args.job and job_name not in args.job:
            continue
        job = jobs_by_name[job_name]
        needs = job.get("needs").strings() if job.get("needs") else []
        failed_needs = [n for n in needs if n in failed_jobs]
        job_if = job.get("if").scalar() if job.get("if") else ""
        if failed_needs and not re.search(r"\b(always|failure)\(\)", job_if or ""):
            print(f"== job {job_name}: skipped, as GitHub does: it needs {', '.join(failed_needs)}, which failed", flush=True)
            failed_jobs.add(job_name)
            continue
        if job.get("strategy") is not None:
            print(f"== job {job_name}: has a strategy (matrix); matrix.* expressions become empty", flush=True)
        container = job.get("container")
        if container is not None:
            print(f"== job {job_name}: its container: ({container.scalar() or 'mapping'}) is ignored: steps run on this host", flush=True)
        runs_on = job.get("runs-on")
        workspace = os.path.join(args.workspace_root, re.sub(r"[^A-Za-z0-9_.-]", "_", job_name))
        temp = os.path.join(args.workspace_root, f".runner-temp-{job_name}")
        # A fresh copy of the repository for each job, as actions/checkout gives one.
        copy_repository(args.repo, workspace, temp, uid, gid)
        files = {k: os.path.join(temp, k.lower()) for k in ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")}
        context = {"github.workspace": workspace, "runner.temp": temp, "runner.os": "Linux", "github.event_name": "workflow_dispatch",
                   "github.ref": "refs/heads/main", "github.job": job_name}
        expressions = Expressions(secrets, context)
        job_env = dict(base_env, GITHUB_WORKSPACE=workspace, RUNNER_TEMP=temp, RUNNER_OS="Linux", GITHUB_JOB=job_name, **files)
        for layer in (workflow.get("env"), job.get("env")):
            for k, v in env_of(layer).items():
                job_env[k] = expressions.substitute(v, job_env, f"{job_name} env {k}")
        job_env.update(extra_env)
        job_defaults = run_defaults(job)
        default_shell = job_defaults.get("shell") or workflow_defaults.get("shell")
        default_dir = job_defaults.get("working-directory") or workflow_defaults.get("working-directory")
        print(f"== job {job_name} (runs-on: {runs_on.scalar() if runs_on else '?'}; here: user {args.user}, workspace {workspace})", flush=True)

        steps = job.get("steps").seq() if job.get("steps") else []
        added_path = []
        job_failed = None
        if args.command:
            steps = steps + [None]
        for index, step in enumerate(steps, 1):
            if step is None:
                name, line, script, step_env_node, shell, directory, condition = \
                    "--command", "-", args.command, None, "bash", None, None
            else:
                name = step.get("name").scalar() if step.get("name") else None
                if step.get("uses") is not None:
                    print(f"-- step {index} ({name or step.get('uses').scalar()}, line {step.line}): uses: {step.get('uses').scalar()}: skipped here", flush=True)
                    continue
                if step.get("run") is None:
                    continue
                script = step.get("run").scalar()
                line = step.line
                name = name or script.strip().splitlines()[0]
                step_env_node = step.get("env")
                shell = step.get("shell").scalar() if step.get("shell") else default_shell
                directory = step.get("working-directory").scalar() if step.get("working-directory") else default_dir
                condition = step.get("if").scalar() if step.get("if") else None
                if args.only and not any(re.search(p, name) for p in args.only):
                    print(f"-- step {index} ({name}, line {line}): not selected (--only)", flush=True)
                    continue
            where = f"{args.workflow}: job '{job_name}', step '{name}' (line {line})"
            # GitHub runs a step after a failure only when its if: asks for always() or failure().
            condition_text = EXPRESSION.sub(lambda m: m.group(1), condition or "")
            if job_failed and not re.search(r"\b(always|failure)\(\)", condition_text):
                print(f"-- step {index} ({name}, line {line}): skipped after the failure above", flush=True)
                continue
            if condition and not re.fullmatch(r"\s*(\$\{\{\s*)?(always|success|failure|!cancelled)\(\)(\s*\}\})?\s*", condition):
                print(f"-- step {index} ({name}, line {line}): if: {condition} is not evaluated here; the step runs", flush=True)
            step_env = dict(job_env)
            step_env.update(read_file_env(files["GITHUB_ENV"]))
            if added_path:
                step_env["PATH"] = ":".join(reversed(added_path)) + ":" + step_env["PATH"]
            for k, v in env_of(step_env_node).items():
                step_env[k] = expressions.substitute(v, step_env, f"step '{name}' env {k}")
            script = expressions.substitute(script, step_env, f"step '{name}' run")
            cwd = workspace if not directory else os.path.join(workspace, directory)
            script_path = os.path.join(temp, f"step-{index}.sh")
            with open(script_path, "w", encoding="utf-8") as f:
                f.write(script if script.endswith("\n") else script + "\n")
            os.chmod(script_path, 0o644)
            command = shell_command(shell, script_path)
            print(f"-- step {index}: {name} (line {line}), as {args.user} in {os.path.relpath(cwd, args.workspace_root)}: {' '.join(command[:-1])}", flush=True)
            if args.dry_run:
                print("\n".join("   | " + l for l in script.rstrip("\n").splitlines()), flush=True)
                if step_env_node is not None:
                    print("   env: " + ", ".join(k for k, _ in step_env_node.items()), flush=True)
                # Syntax only: the interpreter (bash/sh) reads the script as the user and runs nothing.
                command = [command[0], "-n", script_path]
            started = time.monotonic()
            # The user's own uid, gid and groups (docker among them), exactly this environment.
            code = subprocess.run(command, cwd=cwd, env=step_env, user=uid, group=gid, extra_groups=groups,
                                  stdin=subprocess.DEVNULL).returncode
            seconds = time.monotonic() - started
            timings.append((job_name, name, line, seconds, code))
            print(f"-- step {index}: {name}: exit {code} in {seconds:.1f} s", flush=True)
            for entry in open(files["GITHUB_PATH"], encoding="utf-8").read().splitlines() if os.path.exists(files["GITHUB_PATH"]) else []:
                if entry and entry not in added_path:
                    added_path.append(entry)
            if code != 0:
                message = f"{where} failed with exit code {code}" + (" (bash -n: syntax)" if args.dry_run else "")
                print(f"workflow-lines: {message}", file=sys.stderr, flush=True)
                failures.append(message)
                job_failed = message
                failed_jobs.add(job_name)
        for note in dict.fromkeys(expressions.notes):
            print(f"   expression {note}", flush=True)

    print(f"== timings ({'bash -n only' if args.dry_run else 'real run'})", flush=True)
    for job_name, name, line, seconds, code in timings:
        print(f"  {seconds:7.1f} s  exit {code}  {job_name} / {name} (line {line})", flush=True)
    print(f"  {time.monotonic() - total_started:7.1f} s  in all", flush=True)
    if not timings:
        fail(f"{args.workflow}: no run: step was selected", 2)
    if failures:
        fail(f"{args.workflow}: {len(failures)} step(s) failed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
