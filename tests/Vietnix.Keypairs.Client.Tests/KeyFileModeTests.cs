using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Vietnix.Keypairs.Client.Files;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>The umask is process-wide, so these tests run alone, after every parallel test.</summary>
[CollectionDefinition(nameof(ProcessUmask), DisableParallelization = true)]
public sealed class ProcessUmask
{
    /// <summary>Runs <paramref name="action"/> with <paramref name="mask"/> as the process's umask, then restores the old one.</summary>
    public static void With(uint mask, Action action)
    {
        var previous = umask(mask);
        try
        {
            action();
        }
        finally
        {
            umask(previous);
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
}

/// <summary>Key file modes come from the code, not from whatever umask the user's shell has.</summary>
[Collection(nameof(ProcessUmask))]
[SupportedOSPlatform("linux")]
public sealed class KeyFileModeTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerReadWriteOthersRead = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly byte[] Content = Encoding.ASCII.GetBytes("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-umask-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0x000u)] // umask 000: a plain open(…, 0666) would give rw-rw-rw-
    [InlineData(0x0BFu)] // umask 277: a plain open(…, 0600) would give r--------
    [InlineData(0x1FFu)] // umask 777: no permission bits at all
    public void ThePrivateKeyIsSixHundred_AndThePubSixFourFour_WhateverTheUmask(uint mask)
    {
        // Arrange
        var path = Path.Combine(_folder, "id_ed25519");

        // Act
        ProcessUmask.With(mask, () => PrivateKeyFile.WriteWithPublicKey(path, Content, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e c", overwrite: false));

        // Assert
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWriteOthersRead, File.GetUnixFileMode(path + ".pub"));
        Assert.Equal(Content, File.ReadAllBytes(path));
    }
}
