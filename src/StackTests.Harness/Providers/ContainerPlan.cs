using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// The container the testcontainers stack creates for one compose service, as plain data: image,
/// entrypoint and command, environment, mounts, exposed ports (bound to random host ports), the
/// service name as network alias, and compose's readiness probe (x-stacktests). Unavailable says why a
/// service cannot be planned (e.g. compose builds its image).
/// </summary>
public sealed record ContainerPlan(
    string Service,
    string Image,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ContainerBind> Binds,
    IReadOnlyList<ContainerVolume> Volumes,
    IReadOnlyList<int> ExposedPorts,
    string NetworkAlias,
    IReadOnlyList<string> DependsOn,
    ReadinessProbe? Readiness,
    string? Unavailable = null)
{
    /// <summary>Plans every service of the chosen profiles; volume names carry the run id so runs never share data.</summary>
    public static IReadOnlyList<ContainerPlan> For(ComposeFile compose, IEnumerable<string> profiles, string runId) =>
        compose.ServicesFor(profiles).Select(s => For(compose, s, runId)).ToList();

    public static ContainerPlan For(ComposeFile compose, ComposeService service, string runId)
    {
        var binds = service.Volumes.Where(v => v.IsBind)
            .Select(v => new ContainerBind(Path.GetFullPath(Path.Combine(compose.Directory, v.Source)), v.Target, v.ReadOnly))
            .ToList();
        var volumes = service.Volumes.Where(v => !v.IsBind)
            .Select(v => new ContainerVolume(
                // Named volumes are per run, as compose prefixes them with its project; anonymous ones per service and path.
                $"{ComposeCommands.ProjectFor(runId)}-{(v.Source.Length > 0 ? v.Source : $"{service.Name}-{v.Target.Trim('/').Replace('/', '-')}")}",
                v.Target, v.ReadOnly))
            .ToList();
        return new ContainerPlan(
            service.Name,
            ImageReference.Resolve(service.Image ?? ""),
            service.Entrypoint,
            service.Command,
            service.Environment,
            binds,
            volumes,
            service.ContainerPorts,
            service.Name,
            service.DependsOn,
            service.Readiness,
            service.Image is null
                ? ImageCheck.Unbuilt(service)
                : null);
    }
}

/// <summary>A host file or folder mounted into the container.</summary>
public sealed record ContainerBind(string HostPath, string ContainerPath, bool ReadOnly);

/// <summary>A volume of this run mounted into the container.</summary>
public sealed record ContainerVolume(string Name, string ContainerPath, bool ReadOnly);
