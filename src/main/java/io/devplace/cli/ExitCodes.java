package io.devplace.cli;

/** SPEC §3 exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int INCOMPLETE = 3;
    public static final int INVALID_INPUT = 4;
    public static final int VERIFY_FAILED = 5;

    private ExitCodes() {}
}
