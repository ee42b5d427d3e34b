namespace PartnerRelationships.Core.Configuration;

/// <summary>The stable error ids configuration code throws; scripts and tests match on them.</summary>
public static class ConfigErrorIds
{
    public const string FileNotFound = "ConfigFileNotFound";
    public const string FileUnreadable = "ConfigFileUnreadable";
    public const string FileExists = "ConfigFileExists";
    public const string PathNotWritable = "ConfigPathNotWritable";
    public const string SyntaxError = "ConfigSyntaxError";
    public const string UnknownKey = "ConfigUnknownKey";
    public const string InvalidValue = "ConfigInvalidValue";
    public const string MissingValue = "ConfigMissingValue";
    public const string SecretInFile = "ConfigSecretInFile";
    public const string InsecureEndpoint = "ConfigInsecureEndpoint";
    public const string AliasCycle = "ConfigAliasCycle";
    public const string AliasExpansion = "ConfigAliasExpansion";
}
