package dev.lanyard.keycloak.it.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that drives a real browser: where Debian's Chromium and its driver are missing, each of its tests is
 * reported as skipped, with the packages to install (an assumption in a class's set-up would report no tests at all).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty() || RealBrowser.isInstalled()) {
                return ConditionEvaluationResult.enabled("Chromium is installed, or this is not a test");
            }
            return ConditionEvaluationResult.disabled(RealBrowser.NOT_INSTALLED);
        }
    }
}
