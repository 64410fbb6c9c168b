"""Drawing a map: everything between the model and a picture.

=================  ==========================================================================
module             its one job
=================  ==========================================================================
``pipeline``       :class:`~argmap.draw.pipeline.RenderOptions` and the one render pipeline
``output``         :class:`~argmap.draw.output.Rendering`, what a render gives: formats, saving
``views``          which part of a map to draw (``select``) and the speakers view's DOT
``dot``            the claims view as Graphviz DOT
``dotsyntax``      DOT statements and quoting: names, attributes, labels, tooltips
``theme``          colours, fonts and edge styles
``layout``         which Graphviz layout a map of a given size gets; the block layout
``engine``         running the Graphviz executable (bundled ``graphviz-pure`` or a system one)
``svg``            post-processing Graphviz's SVG; SVG to PDF
``mermaid``        the claims view as a Mermaid flowchart
``batch``          many maps at once, in worker processes
=================  ==========================================================================

The package itself imports nothing, so ``import argmap.draw.theme`` stays light; the render
API is ``argmap.render`` / :mod:`argmap.draw.pipeline`.
"""
