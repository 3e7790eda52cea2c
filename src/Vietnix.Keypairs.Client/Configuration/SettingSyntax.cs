namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>How a source writes booleans, which decides what counts as "true".</summary>
internal enum SettingSyntax
{
    /// <summary>OS_* variables: only "true", in any case, is true (openstacksdk's get_boolean).</summary>
    EnvironmentText,

    /// <summary>clouds.yaml: PyYAML's YAML 1.1 booleans (yes/no, on/off, true/false) as well.</summary>
    Yaml,
}
