package io.devplace.cli;

/** Exit codes, as docs/reference/exit-codes.md lists them for users. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int INCOMPLETE = 3;
    public static final int INVALID_INPUT = 4;
    public static final int VERIFY_FAILED = 5;
    /** The environment refused what devplace needs to run (serve: the address is in use or not this machine's). */
    public static final int ENVIRONMENT = 6;

    private ExitCodes() {}
}
