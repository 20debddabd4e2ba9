package io.devplace.rules;

/** A template that cannot be evaluated: an undefined reference, division by zero, a non-integer operand. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) { super(message); }
}
