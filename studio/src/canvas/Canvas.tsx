/**
 * The React Flow canvas in controlled mode: nodes and edges are derived from the
 * document; every change React Flow reports is turned into a document edit
 * (moves are transient until the drag ends, so a drag is one undo step).
 */
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type FitViewOptions,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import { EdgeBuilder, ElementBuilder, type EdgeData, type NodeDecoration, type StudioNode } from './elements';
import { FlowNodeView } from './FlowNodeView';
import { NoteView } from './NoteView';
import { BIG_FLOW, initialViewport, useProgressiveMount } from './progressive';
import type { EditorDoc, Position } from '../model/doc';

const nodeTypes: NodeTypes = { flow: FlowNodeView, note: NoteView };
/** Room on the right for the overview map when it is shown (it sits top-right). */
const FIT_VIEW: FitViewOptions = { maxZoom: 1, padding: { top: '24px', left: '24px', bottom: '56px', right: '24px' } };
const FIT_VIEW_WITH_MAP: FitViewOptions = { maxZoom: 1, padding: { top: '24px', left: '24px', bottom: '56px', right: '190px' } };
const MAP_KEY = 'parley.minimap';
export const PALETTE_MIME = 'application/x-parley-node-type';

export interface CanvasProps {
  doc: EditorDoc;
  selected: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  decorations: ReadonlyMap<string, NodeDecoration>;
  badEdges: ReadonlySet<string>;
  edgeCounts?: ReadonlyMap<string, number>;
  measured: Map<string, { width: number; height: number }>;
  onMove: (moved: Record<string, Position>, done: boolean) => void;
  onResizeNote: (id: string, size: { width: number; height: number }, done: boolean) => void;
  /** Selection after React Flow's select changes (click, shift-click, box). */
  onSelect: (nodes: ReadonlySet<string>, edges: ReadonlySet<string>) => void;
  onConnect: (source: string, exit: string, target: string) => void;
  onDelete: (nodeIds: string[], edges: Array<{ source: string; exit: string }>) => void;
  onDropType: (type: string, at: Position) => void;
}

export function Canvas(props: CanvasProps) {
  const { doc, selected, selectedEdges, decorations, badEdges, edgeCounts, measured } = props;
  const builder = useRef(new ElementBuilder()).current;
  const edgeBuilder = useRef(new EdgeBuilder()).current;
  const [measureTick, setMeasureTick] = useState(0);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [showMap, setShowMap] = useState(() => typeof localStorage !== 'undefined' && localStorage.getItem(MAP_KEY) === 'on');
  const toggleMap = () => {
    const next = !showMap;
    setShowMap(next);
    localStorage.setItem(MAP_KEY, next ? 'on' : 'off');
    void fitView({ ...(next ? FIT_VIEW_WITH_MAP : FIT_VIEW), duration: 200 });
  };
  // Callbacks read the latest props through a ref so React Flow gets stable handlers.
  const live = useRef(props);
  live.current = props;

  const mounted = useProgressiveMount(doc);
  const [viewport] = useState(() => initialViewport(doc));
  const allNodes = useMemo(
    () => builder.nodes({ doc, selected, measured, decorations }),
    // measureTick: `measured` is a mutable map; the tick says it changed.
    [builder, doc, selected, decorations, measureTick],
  );
  // positions do not move edges' data, so edges depend on the flow only
  const allEdges = useMemo(
    () => edgeBuilder.edges(doc, selectedEdges, badEdges, edgeCounts),
    [edgeBuilder, doc.flow, selectedEdges, badEdges, edgeCounts],
  );
  const nodes = useMemo(() => (mounted ? allNodes.filter((n) => n.type === 'note' || mounted.has(n.id)) : allNodes), [allNodes, mounted]);
  const edges = useMemo(
    () => (mounted ? allEdges.filter((e) => mounted.has(e.source) && mounted.has(e.target)) : allEdges),
    [allEdges, mounted],
  );

  const onNodesChange = useCallback((changes: NodeChange<StudioNode>[]) => {
    const props = live.current;
    const measured = props.measured;
    const moved: Record<string, Position> = {};
    let nextSel: Set<string> | null = null;
    let dragEnded = false;
    let anyMove = false;
    let sized = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        moved[c.id] = c.position;
        anyMove = true;
        if (!c.dragging) dragEnded = true;
      } else if (c.type === 'position' && c.dragging === false) {
        dragEnded = true;
      } else if (c.type === 'select') {
        nextSel ??= new Set(props.selected);
        if (c.selected) nextSel.add(c.id);
        else nextSel.delete(c.id);
      } else if (c.type === 'dimensions' && c.dimensions) {
        if (c.resizing !== undefined) props.onResizeNote(c.id, c.dimensions, !c.resizing);
        const prev = measured.get(c.id);
        if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
          measured.set(c.id, c.dimensions);
          sized = true;
        }
      }
    }
    if (anyMove || dragEnded) props.onMove(moved, dragEnded);
    if (sized) setMeasureTick((t) => t + 1);
    if (nextSel) props.onSelect(nextSel, props.selectedEdges);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<Edge<EdgeData>>[]) => {
    // Removal arrives through onDelete (it also covers nodes); here only selection.
    const props = live.current;
    let next: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      next ??= new Set(props.selectedEdges);
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    if (next) props.onSelect(props.selected, next);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target && c.sourceHandle) live.current.onConnect(c.source, c.sourceHandle, c.target);
  }, []);

  /**
   * A connection dropped on a step's body (not on its small input dot) connects to that step:
   * the docs say "drag onto the next step", and the dot is 10 px wide.
   */
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source' || !state.fromHandle.id) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const target = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node-flow')?.getAttribute('data-id');
    if (target && target !== state.fromNode.id) live.current.onConnect(state.fromNode.id, state.fromHandle.id, target);
  }, []);

  /** Dragging the end of a connection onto another step moves it; dropping it on the source's other exit re-routes. */
  const onReconnect = useCallback((old: Edge<EdgeData>, c: Connection) => {
    const props = live.current;
    if (!c.source || !c.target || !c.sourceHandle) return;
    const oldExit = old.data?.exit ?? old.sourceHandle ?? '';
    if (c.source !== old.source || c.sourceHandle !== oldExit) props.onDelete([], [{ source: old.source, exit: oldExit }]);
    props.onConnect(c.source, c.sourceHandle, c.target);
  }, []);

  const onDelete = useCallback(({ nodes: n, edges: e }: { nodes: StudioNode[]; edges: Edge<EdgeData>[] }) => {
    live.current.onDelete(
      n.map((x) => x.id),
      e.map((x) => ({ source: x.data?.source ?? x.source, exit: x.data?.exit ?? x.sourceHandle ?? '' })),
    );
  }, []);

  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(PALETTE_MIME);
    if (!type) return;
    e.preventDefault();
    props.onDropType(type, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-mount={mounted ? 'partial' : 'complete'}>
      <ReactFlow<StudioNode, Edge<EdgeData>>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        // Snap to an input dot from farther away than React Flow's 20 px.
        connectionRadius={40}
        onReconnect={onReconnect}
        onDelete={onDelete}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        selectionOnDrag={false}
        selectionMode={SelectionMode.Partial}
        // Virtualize only big flows: small ones keep every node in the DOM (find, screen readers).
        onlyRenderVisibleElements={doc.flow.nodes.length > BIG_FLOW}
        minZoom={0.1}
        maxZoom={2}
        defaultViewport={viewport ?? { x: 0, y: 0, zoom: 1 }}
        fitView={!viewport && doc.flow.nodes.length > 0}
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
        nodeDragThreshold={2}
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter to select, then arrow keys to move.' }}
      >
        <Background gap={24} />
        {/* 500 minimap nodes are 500 store subscribers: a big flow gets its minimap once mounted. */}
        {/* The overview map is off by default (it covered steps at laptop sizes); small and top-right when on. */}
        {!mounted && showMap && (
          <MiniMap
            pannable
            zoomable
            position="top-right"
            style={{ width: 160, height: 110 }}
            ariaLabel="Overview map"
            nodeColor={(n) => ((n.data as { deco?: NodeDecoration })?.deco?.errors.length ? '#c62828' : '#8aa')}
          />
        )}
        <Controls showInteractive={false}>
          <ControlButton
            onClick={toggleMap}
            aria-pressed={showMap}
            aria-label={showMap ? 'Hide the overview map' : 'Show the overview map'}
            title={showMap ? 'Hide the overview map' : 'Show the overview map'}
          >
            <MapIcon size={14} aria-hidden="true" />
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
