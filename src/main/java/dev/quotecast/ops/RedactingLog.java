package dev.quotecast.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Context;
import java.util.Collection;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback's side of {@link Redactor} and {@link LogText}: {@code %safeMsg} and {@code %safeEx} in
 * {@code logback.xml} print the message and the stack trace with secrets masked and every line
 * break or other control character escaped, whoever logged it (our code, Bolt, JDA), so that no
 * text from outside can add a line of its own. The redactor lives in the logger context (not in a
 * static field), so the running bot can hand it the configured secrets.
 */
public final class RedactingLog {

    static final String KEY = "quotecast.redactor";

    private RedactingLog() {}

    /** The redactor every log line goes through; registers the configured secrets with it. */
    public static Redactor install(Collection<String> secrets) {
        Redactor r = redactor(current());
        r.addSecrets(secrets);
        return r;
    }

    private static Context current() {
        ILoggerFactory f = LoggerFactory.getILoggerFactory();
        return f instanceof LoggerContext lc ? lc : null;
    }

    static Redactor redactor(Context context) {
        if (context == null) return new Redactor();
        synchronized (context) {
            Object o = context.getObject(KEY);
            if (o instanceof Redactor r) return r;
            Redactor r = new Redactor();
            context.putObject(KEY, r);
            return r;
        }
    }

    /** {@code %safeMsg}: the formatted message (arguments included), redacted, on one line. */
    public static final class Message extends MessageConverter {
        private Redactor redactor;

        @Override
        public void start() {
            redactor = redactor(getContext());
            super.start();
        }

        @Override
        public String convert(ILoggingEvent event) {
            return LogText.oneLine(redactor.redact(super.convert(event)));
        }
    }

    /**
     * {@code %safeEx}: the stack trace, redacted. It keeps its lines (one per frame), but each
     * exception's message, which may quote outside text, is escaped onto its own line.
     */
    public static final class Stack extends ThrowableProxyConverter {
        private Redactor redactor;

        @Override
        public void start() {
            redactor = redactor(getContext());
            super.start();
        }

        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return redactor.redact(super.throwableProxyToString(new OneLineMessages(tp)));
        }
    }

    /** A throwable as logback sees it, with its message and those of its causes and suppressed ones on one line. */
    private record OneLineMessages(IThrowableProxy tp) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return LogText.oneLine(tp.getMessage());
        }

        @Override
        public String getClassName() {
            return tp.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return tp.getCause() == null ? null : new OneLineMessages(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = tp.getSuppressed();
            if (s == null) return null;
            IThrowableProxy[] out = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) out[i] = new OneLineMessages(s[i]);
            return out;
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }
}
