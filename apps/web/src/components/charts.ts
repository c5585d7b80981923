import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { chartSummary } from '../lib/chart-summary.js';

/**
 * Every chart's canvas is an image whose text alternative lists what it draws (series, labels,
 * values, in the page's language), so a screen reader reads the figures the chart shows.
 */
const textAlternative: Plugin = {
  id: 'textAlternative',
  afterUpdate(chart) {
    chart.canvas.setAttribute('role', 'img');
    chart.canvas.setAttribute('aria-label', chartSummary(chart.data, document.documentElement.lang || 'en'));
  },
};

Chart.register(
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  textAlternative,
);
// Charts sit in fixed-height boxes, so data arriving never moves the page.
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;
