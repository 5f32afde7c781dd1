package io.stepwise.local.runtime;

/**
 * The thread of a background worker such as {@link TimerPoller} or {@link OutboxSweeper}: a daemon, so it never
 * keeps the process alive, whose loop runs while {@link #running()}; {@link #close()} stops it and waits briefly
 * for the loop to return.
 */
final class DaemonWorker implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    DaemonWorker(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean running() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
