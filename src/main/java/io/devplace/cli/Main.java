package io.devplace.cli;

import io.devplace.model.BuildInfo;
import io.devplace.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code devplace} executable: subcommands, exit codes (docs/reference/exit-codes.md), and errors as messages, never stack traces. */
@Command(name = "devplace", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Plans live migration of VMs with assigned devices (vGPU / VFIO mdev).",
        subcommands = {DemoCommand.class, ValidateCommand.class, CompatCommand.class, ExplainCommand.class,
                WhatifCommand.class,
                PlanCommand.class, VerifyCommand.class, ExportCommand.class, ImportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
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
        everySubcommand(cl, c -> c.getCommandSpec().versionProvider(new Version()));
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
            // "Did you mean: --time-limit?" for a misspelt option or subcommand
            if (ex instanceof CommandLine.UnmatchedArgumentException u) CommandLine.UnmatchedArgumentException.printSuggestions(u, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static void everySubcommand(CommandLine cl, java.util.function.Consumer<CommandLine> f) {
        f.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) everySubcommand(sub, f);
    }

    static String indent(String s) { return "  " + s.replace("\n", "\n  "); }

    /** This build's version (pom.xml's, written into the jar at build time). */
    static String version() { return BuildInfo.current().version(); }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[]{"devplace " + b.version() + " (Timefold Solver " + b.timefold() + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
