/** What every HTTP endpoint shares: problem details, field errors, request limits, the OpenAPI description. */
package io.jurist.api;
