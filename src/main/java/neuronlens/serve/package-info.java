/**
 * {@code neuronlens serve}: a local web app over one model. A JSON API under {@code /api} (model
 * summary, neuron data, predict, activation maximization with a Server-Sent-Events stream) and a
 * plain HTML/CSS/JS front end served from the jar's resources ({@code neuronlens/serve/}). Built on
 * the JDK's {@code com.sun.net.httpserver}; binds loopback unless told otherwise; bounds request
 * bodies, validates every input and answers every error as JSON. Uses {@code vis} and {@code nn}.
 */
package neuronlens.serve;
