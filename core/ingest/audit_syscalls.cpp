#include "ingest/audit_syscalls.h"

#include <array>
#include <utility>

namespace spoor::ingest {

namespace {

using SyscallEntry = std::pair<int, std::string_view>;

// Numbers from the kernel's arch/x86/entry/syscalls/syscall_64.tbl.
constexpr std::array<SyscallEntry, 41> x86_64Syscalls{{
    {0, "read"},
    {1, "write"},
    {2, "open"},
    {3, "close"},
    {41, "socket"},
    {42, "connect"},
    {43, "accept"},
    {44, "sendto"},
    {45, "recvfrom"},
    {49, "bind"},
    {50, "listen"},
    {51, "getsockname"},
    {52, "getpeername"},
    {54, "setsockopt"},
    {56, "clone"},
    {57, "fork"},
    {58, "vfork"},
    {59, "execve"},
    {60, "exit"},
    {62, "kill"},
    {82, "rename"},
    {87, "unlink"},
    {90, "chmod"},
    {92, "chown"},
    {101, "ptrace"},
    {105, "setuid"},
    {106, "setgid"},
    {133, "mknod"},
    {164, "settimeofday"},
    {165, "mount"},
    {231, "exit_group"},
    {257, "openat"},
    {263, "unlinkat"},
    {264, "renameat"},
    {265, "linkat"},
    {288, "accept4"},
    {316, "renameat2"},
    {322, "execveat"},
    {425, "io_uring_setup"},
    {426, "io_uring_enter"},
    {435, "clone3"},
}};

// Numbers from the kernel's include/uapi/asm-generic/unistd.h, which arm64 uses.
constexpr std::array<SyscallEntry, 33> aarch64Syscalls{{
    {35, "unlinkat"},
    {37, "linkat"},
    {38, "renameat"},
    {40, "mount"},
    {56, "openat"},
    {57, "close"},
    {63, "read"},
    {64, "write"},
    {93, "exit"},
    {94, "exit_group"},
    {117, "ptrace"},
    {129, "kill"},
    {144, "setgid"},
    {146, "setuid"},
    {170, "settimeofday"},
    {198, "socket"},
    {200, "bind"},
    {201, "listen"},
    {202, "accept"},
    {203, "connect"},
    {204, "getsockname"},
    {205, "getpeername"},
    {206, "sendto"},
    {207, "recvfrom"},
    {208, "setsockopt"},
    {220, "clone"},
    {221, "execve"},
    {242, "accept4"},
    {276, "renameat2"},
    {281, "execveat"},
    {425, "io_uring_setup"},
    {426, "io_uring_enter"},
    {435, "clone3"},
}};

// Numbers from the kernel's arch/x86/entry/syscalls/syscall_32.tbl. Sockets on i386 often go through
// socketcall(102), which hides the operation in its first argument.
constexpr std::array<SyscallEntry, 17> i386Syscalls{{
    {1, "exit"},
    {2, "fork"},
    {3, "read"},
    {4, "write"},
    {5, "open"},
    {6, "close"},
    {11, "execve"},
    {37, "kill"},
    {102, "socketcall"},
    {120, "clone"},
    {190, "vfork"},
    {252, "exit_group"},
    {358, "execveat"},
    {359, "socket"},
    {362, "connect"},
    {364, "accept4"},
    {435, "clone3"},
}};

// Codes from the kernel's include/uapi/linux/audit.h (AUDIT_ARCH_*), as SYSCALL records print them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> architectures{{
    {"c000003e", "x86_64"},
    {"c00000b7", "aarch64"},
    {"40000003", "i386"},
    {"40000028", "arm"},
    {"80000015", "ppc64"},
    {"c0000015", "ppc64le"},
    {"80000016", "s390x"},
    {"c00000f3", "riscv64"},
    {"80000008", "mips"},
}};

template <std::size_t Size>
std::optional<std::string_view> lookUp(const std::array<SyscallEntry, Size>& table, int number)
{
    for (const auto& [entryNumber, name] : table) {
        if (entryNumber == number)
            return name;
    }
    return std::nullopt;
}

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

} // namespace

std::optional<std::string_view> auditArchName(std::string_view archHex)
{
    if (archHex.starts_with("0x"))
        archHex.remove_prefix(2);
    for (const auto& [code, name] : architectures) {
        if (equalsIgnoringCase(code, archHex))
            return name;
    }
    return std::nullopt;
}

std::optional<std::string_view> syscallName(std::string_view arch, int number)
{
    if (arch == "x86_64")
        return lookUp(x86_64Syscalls, number);
    if (arch == "aarch64")
        return lookUp(aarch64Syscalls, number);
    if (arch == "i386")
        return lookUp(i386Syscalls, number);
    return std::nullopt;
}

} // namespace spoor::ingest
