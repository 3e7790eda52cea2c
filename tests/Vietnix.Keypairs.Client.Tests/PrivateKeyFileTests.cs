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

/// <summary>Files in a folder others can write to: links planted at a target are replaced, and a pair is written all or nothing.</summary>
[SupportedOSPlatform("linux")]
public sealed class KeyFileReplacementTests : IDisposable
{
    private const string PublicKeyLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e c";

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-keyfiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PublicKeyFile_WithOverwrite_ReplacesAPlantedLink_AndLeavesItsTargetAlone()
    {
        // Arrange
        var victim = Path.Combine(_folder, "victim");
        File.WriteAllText(victim, "precious\n");
        var path = Path.Combine(_folder, "k.pub");
        File.CreateSymbolicLink(path, victim);

        // Act
        PublicKeyFile.Write(path, PublicKeyLine, overwrite: true);

        // Assert
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(PublicKeyLine + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void PublicKeyFile_WithoutOverwrite_RefusesADanglingLink_AndCreatesNothingThroughIt()
    {
        // Arrange: a link to a file that does not exist yet; following it would create that file.
        var victim = Path.Combine(_folder, "victim");
        var path = Path.Combine(_folder, "k.pub");
        File.CreateSymbolicLink(path, victim);

        // Act
        var exception = Assert.Throws<IOException>(() => PublicKeyFile.Write(path, PublicKeyLine, overwrite: false));

        // Assert
        Assert.Contains("already exists", exception.Message);
        Assert.False(File.Exists(victim));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void PutInPlace_PutsTheFirstFileBack_WhenTheSecondCannotBePlaced()
    {
        // Arrange: an old pair; the second name becomes a folder after both files were staged.
        var first = Path.Combine(_folder, "k");
        var second = Path.Combine(_folder, "k.pub");
        File.WriteAllText(first, "old private\n");
        using var newFirst = StagedFile.OwnerOnly(first, Encoding.ASCII.GetBytes("new private\n"));
        using var newSecond = StagedFile.Public(second, Encoding.ASCII.GetBytes("new public\n"));
        Directory.CreateDirectory(second);

        // Act
        Assert.Throws<IOException>(() => FileSet.PutInPlace([newFirst, newSecond], overwrite: true));
        newFirst.Dispose();
        newSecond.Dispose();

        // Assert: the old file is back, and nothing else is left in the folder.
        Assert.Equal("old private\n", File.ReadAllText(first));
        Assert.Equal(new[] { "k", "k.pub" }, Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public void PutInPlace_RemovesANewFirstFile_WhenTheSecondNameIsTaken()
    {
        // Arrange
        var first = Path.Combine(_folder, "k");
        var second = Path.Combine(_folder, "k.pub");
        File.WriteAllText(second, "someone else's\n");
        using var newFirst = StagedFile.OwnerOnly(first, Encoding.ASCII.GetBytes("new private\n"));
        using var newSecond = StagedFile.Public(second, Encoding.ASCII.GetBytes("new public\n"));

        // Act
        var exception = Assert.Throws<IOException>(() => FileSet.PutInPlace([newFirst, newSecond], overwrite: false));
        newFirst.Dispose();
        newSecond.Dispose();

        // Assert
        Assert.Contains("already exists", exception.Message);
        Assert.False(File.Exists(first));
        Assert.Equal("someone else's\n", File.ReadAllText(second));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }
}
