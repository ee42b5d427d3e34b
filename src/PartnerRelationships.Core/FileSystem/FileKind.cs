using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerRelationships.Core.FileSystem;

/// <summary>
/// What kind of thing a path names, beyond what <see cref="File.Exists"/> says: .NET reports a device, a pipe or a
/// socket on Unix as an ordinary file (attributes "Normal"), and replacing one with a draft (as root, /dev/null) would
/// replace the system's device node. Anything we write over must be a regular file.
/// </summary>
public static class FileKind
{
    /// <summary>
    /// True when <paramref name="path"/> exists and is not a regular file or folder (following symbolic links):
    /// a character or block device, a pipe, a socket; on Windows, a device name such as NUL or COM1 or a \\.\ path.
    /// False when it does not exist, or when the kind cannot be told (then nothing is refused).
    /// </summary>
    public static bool IsSpecial(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return IsWindowsDevice(path);
        }

        return UnixMode(path) is { } mode && (mode & S_IFMT) is not (S_IFREG or S_IFDIR);
    }

    private static bool IsWindowsDevice(string path)
    {
        if (path.StartsWith(@"\\.\", StringComparison.Ordinal) || path.StartsWith(@"\\?\GLOBALROOT", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var stem = Path.GetFileNameWithoutExtension(path.TrimEnd(' ', '.')).TrimEnd(' ');
        return Array.Exists(WindowsDevices, d => string.Equals(d, stem, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] WindowsDevices =
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    // File type bits as .NET's native shim reports them (the POSIX values, the same on Linux and macOS).
    private const int S_IFMT = 0xF000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFREG = 0x8000;

    /// <summary>
    /// The st_mode of the path through the runtime's own native shim (libSystem.Native, which .NET itself uses for
    /// File.Exists): its FileStatus struct starts with two 32-bit fields, flags and mode, on every Unix. Null when the
    /// path does not exist or the shim is not there (another runtime): the caller then refuses nothing.
    /// </summary>
    private static int? UnixMode(string path)
    {
        var buffer = Marshal.AllocHGlobal(512); // larger than any version's FileStatus
        try
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
            if (SystemNativeStat(utf8, buffer) != 0)
            {
                return null;
            }

            return Marshal.ReadInt32(buffer, 4);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int SystemNativeStat(byte[] nullTerminatedUtf8Path, IntPtr output);
}
