package io.stepwise.local.config;

import io.stepwise.local.lambda.HttpLambdaFunction;
import io.stepwise.local.lambda.LambdaFunction;
import io.stepwise.local.lambda.LambdaHandler;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a configuration's function sources into invocable functions, loading handler classes up front. */
public final class LambdaFunctions {
    private LambdaFunctions() {
    }

    /**
     * Loads every function now, so that a missing class or jar stops the server at start-up rather than failing
     * tasks later.
     *
     * @throws IllegalArgumentException naming the function that cannot be loaded
     */
    public static Map<String, LambdaFunction> load(StepwiseConfig config, ClassLoader parent) {
        ClassLoader loader = classLoader(config.classpath(), parent);
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        config.functions().forEach((name, source) -> {
            try {
                functions.put(name, source instanceof FunctionSource.Handler handler
                        ? LambdaHandler.load(handler.className(), loader)
                        : new HttpLambdaFunction(((FunctionSource.Endpoint) source).uri()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("function " + name + ": " + e.getMessage(), e);
            }
        });
        return functions;
    }

    private static ClassLoader classLoader(List<Path> classpath, ClassLoader parent) {
        if (classpath.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            Path entry = classpath.get(i);
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException("classpath entry " + entry + " does not exist");
            }
            try {
                urls[i] = entry.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("classpath entry " + entry + ": " + e.getMessage(), e);
            }
        }
        // Lives as long as the server: handlers keep their classes loaded.
        return new URLClassLoader("stepwise-functions", urls, parent);
    }
}
