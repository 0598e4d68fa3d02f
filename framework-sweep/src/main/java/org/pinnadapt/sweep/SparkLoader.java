package org.pinnadapt.sweep;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spark's class loader: its own jars first for everything but the JDK. A plain parent-first loader is not
 * enough even with the platform loader as parent, because the JDK's built-in loaders share one map of the boot
 * layer's packages: Spark would get the framework's Jackson (2.21) instead of its own (2.18), which its Scala
 * module refuses.
 */
final class SparkLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** The packages of the JDK's own modules: always the JDK's classes. */
  private static final Set<String> JDK = ModuleLayer.boot().modules().stream()
      .filter(m -> m.getName().startsWith("java.") || m.getName().startsWith("jdk."))
      .flatMap(m -> m.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

  SparkLoader(URL[] jars) {
    super("spark", jars, ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && !JDK.contains(name.substring(0, dot))) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            // not Spark's: the JDK's (or the framework's API, which Spark never names)
          }
        }
        if (c == null) {
          c = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(all);
  }
}
