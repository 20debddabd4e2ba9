package io.devplace.rules;

/** A template that cannot be evaluated: an undefined reference, division by zero, a non-integer operand. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) { super(message); }

    /** For control-flow subclasses ({@link SkipBinding}) that need no stack trace. */
    TemplateException(String message, boolean writableStackTrace) { super(message, null, false, writableStackTrace); }
}
