using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using Vietnix.Keypairs.Client.Files;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>The Unix half of PrivateKeyFile: mode 0600 from the first byte, atomic replace, no leftovers.</summary>
[SupportedOSPlatform("linux")]
public sealed class PrivateKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly byte[] Content = Encoding.ASCII.GetBytes("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\n");

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_CreatesTheFileWithModeSixHundred_AndTheExactBytes()
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");

        // Act
        PrivateKeyFile.Write(path, Content, overwrite: false);

        // Assert
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(Content, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_LeavesNoTemporaryFilesBehind()
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");

        // Act
        PrivateKeyFile.Write(path, Content, overwrite: false);

        // Assert
        var names = Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).ToArray();
        Assert.Equal(new[] { "id_ed25519" }, names);
    }

    [Fact]
    public void Write_RefusesAnExistingFile_WithoutOverwrite_AndLeavesItUnchanged()
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");
        var old = Encoding.ASCII.GetBytes("old key\n");
        File.WriteAllBytes(path, old);
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Act
        var exception = Assert.Throws<IOException>(() => PrivateKeyFile.Write(path, Content, overwrite: false));

        // Assert
        Assert.Contains("already exists", exception.Message);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Write_WithOverwrite_ReplacesTheFile_AndTheModeBecomesSixHundred()
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("an older, longer key file that must disappear completely\n"));
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Act
        PrivateKeyFile.Write(path, Content, overwrite: true);

        // Assert
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Write_WithOverwrite_CreatesAMissingFile()
    {
        // Arrange
        var path = Path.Combine(_folder, "new_key");

        // Act
        PrivateKeyFile.Write(path, Content, overwrite: true);

        // Assert
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_IntoAMissingFolder_IsDirectoryNotFound()
    {
        // Arrange
        var path = Path.Combine(_folder, "no-such-folder", "id_ed25519");

        // Act
        var exception = Assert.Throws<DirectoryNotFoundException>(() => PrivateKeyFile.Write(path, Content, overwrite: false));

        // Assert
        Assert.Contains("no-such-folder", exception.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "no-such-folder")));
    }

    [Fact]
    public void Write_OntoAFolder_IsRefused()
    {
        // Arrange
        var path = Directory.CreateDirectory(Path.Combine(_folder, "keys")).FullName;

        // Act
        var exception = Assert.Throws<IOException>(() => PrivateKeyFile.Write(path, Content, overwrite: true));

        // Assert
        Assert.Contains("folder", exception.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void EnsureWritable_ChecksWithoutWriting()
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");

        // Act
        PrivateKeyFile.EnsureWritable(path, overwrite: false);

        // Assert
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Write_EmptyContent_GivesAnEmptyOwnerOnlyFile()
    {
        // Arrange
        var path = Path.Combine(_folder, "empty");

        // Act
        PrivateKeyFile.Write(path, [], overwrite: false);

        // Assert
        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }
}
