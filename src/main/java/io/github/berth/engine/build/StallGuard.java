package io.github.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream read on a thread of its own, so that a source that stops sending fails its reader after a while instead of
 * blocking it for ever: the HTTP client has no timeout for the body of a response.
 */
final class StallGuard extends InputStream {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final Duration stall;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(8);
    private final Thread pump;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;
    private IOException failure;

    /** @param stall how long a read waits for the next bytes before it fails */
    StallGuard(InputStream source, Duration stall) {
        this.source = source;
        this.stall = stall;
        this.pump = new Thread(this::pump, "berth-download");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        try {
            byte[] buffer = new byte[CHUNK];
            for (int read = source.read(buffer); read >= 0; read = source.read(buffer)) {
                if (read > 0) {
                    chunks.put(Arrays.copyOf(buffer, read));
                }
            }
            chunks.put(END);
        } catch (IOException e) {
            chunks.offer(e);
        } catch (InterruptedException e) {
            // The reader gave up: nothing is waiting for the rest.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        while (!ended && position == current.length) {
            next();
        }
        if (ended) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, count);
        position += count;
        return count;
    }

    private void next() throws IOException {
        Object next;
        try {
            next = chunks.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading");
        }
        if (next == null) {
            failure = new IOException("the server sent nothing for " + stall.toSeconds() + " s");
            close();
            throw failure;
        }
        if (next instanceof IOException e) {
            failure = e;
            throw e;
        }
        if (next == END) {
            ended = true;
            return;
        }
        current = (byte[]) next;
        position = 0;
    }

    @Override
    public void close() throws IOException {
        pump.interrupt();
        source.close();
    }
}
