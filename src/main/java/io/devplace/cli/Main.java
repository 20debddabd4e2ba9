package io.devplace.cli;

import io.devplace.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code devplace} executable: subcommands, exit codes (SPEC §3), and errors as messages, never stack traces. */
@Command(name = "devplace", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Plans live migration of VMs with assigned devices (vGPU / VFIO mdev).",
        subcommands = {DemoCommand.class, ValidateCommand.class, CompatCommand.class, ExplainCommand.class,
                WhatifCommand.class,
                PlanCommand.class, VerifyCommand.class, ImportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand"); }

    public static void main(String[] args) { System.exit(run(args)); }

    /** Runs devplace in-process and returns its exit code (used by main and by end-to-end tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof InvalidInputException iie) {
                cmd.getErr().println("devplace: invalid input:");
                cmd.getErr().println(indent(iie.getMessage()));
                cmd.getErr().flush();
                return ExitCodes.INVALID_INPUT;
            }
            if (ex instanceof CommandFailure cf) {
                cmd.getErr().println("devplace: " + cf.getMessage());
                cmd.getErr().flush();
                return cf.exitCode();
            }
            cmd.getErr().println("devplace: internal error: " + ex);
            if (System.getenv("DEVPLACE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            else cmd.getErr().println("(set DEVPLACE_DEBUG=1 for the stack trace)");
            cmd.getErr().flush();
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("devplace: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    static String indent(String s) { return "  " + s.replace("\n", "\n  "); }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"devplace " + (v == null ? "dev" : v) + " (Timefold Solver 1.32.0, Java " + System.getProperty("java.version") + ")"};
        }
    }
}
