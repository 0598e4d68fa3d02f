package org.pinnadapt.cli.command;

/**
 * The root command as its subcommands see it: the global options. {@code Main} implements it; picocli injects
 * it into each subcommand's {@code @ParentCommand} field, so the subcommands do not depend on {@code Main}.
 */
public interface Launcher {

  /**
   * The options every command shares (device, precision, threads, plug-in folder).
   *
   * @return the global options
   */
  GlobalOptions global();
}
