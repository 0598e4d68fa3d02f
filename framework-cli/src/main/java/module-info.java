/** The {@code pinnadapt} command line. */
module org.pinnadapt.cli {
  requires org.pinnadapt.core;
  requires org.pinnadapt.bench;
  requires org.pinnadapt.sweep;
  requires org.pinnadapt.serve;
  requires java.net.http;
  requires info.picocli;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  requires me.tongfei.progressbar;

  // The built-in plug-ins ship in the boot layer of the command line.
  requires org.pinnadapt.pde.burgers;
  requires org.pinnadapt.pde.kovasznay;
  requires org.pinnadapt.pde.cdr;
  requires org.pinnadapt.strategy.lora;
  requires org.pinnadapt.strategy.hyper;
  requires org.pinnadapt.strategy.lrnr;
  requires org.pinnadapt.strategy.colora;

  opens org.pinnadapt.cli to info.picocli;
  opens org.pinnadapt.cli.command to info.picocli;
  opens org.pinnadapt.cli.bench to info.picocli;
}
