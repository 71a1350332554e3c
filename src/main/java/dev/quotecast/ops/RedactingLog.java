package dev.quotecast.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Context;
import java.util.Collection;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback's side of {@link Redactor}: {@code %safeMsg} and {@code %safeEx} in {@code logback.xml}
 * print the message and the stack trace with secrets masked. The redactor lives in the logger
 * context (not in a static field), so the running bot can hand it the configured secrets.
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

    /** {@code %safeMsg}: the formatted message, redacted. */
    public static final class Message extends MessageConverter {
        private Redactor redactor;

        @Override
        public void start() {
            redactor = redactor(getContext());
            super.start();
        }

        @Override
        public String convert(ILoggingEvent event) {
            return redactor.redact(super.convert(event));
        }
    }

    /** {@code %safeEx}: the stack trace (messages included), redacted. */
    public static final class Stack extends ThrowableProxyConverter {
        private Redactor redactor;

        @Override
        public void start() {
            redactor = redactor(getContext());
            super.start();
        }

        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return redactor.redact(super.throwableProxyToString(tp));
        }
    }
}
