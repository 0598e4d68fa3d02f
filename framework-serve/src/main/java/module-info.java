/** {@code pinnadapt serve}: a local web explorer of run folders and its JSON API (Jetty). */
module org.pinnadapt.serve {
  requires org.pinnadapt.core;
  requires com.fasterxml.jackson.databind;
  requires org.eclipse.jetty.server;
  requires java.net.http;

  exports org.pinnadapt.serve;
}
